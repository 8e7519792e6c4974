package io.reelgraph.nodes.provider.error;

import java.util.Optional;
import java.util.OptionalInt;

/** The provider account has no credit left (HTTP 402, OpenAI 429 {@code insufficient_quota}); never retried. */
public final class OutOfCreditException extends ProviderException {

    private static final long serialVersionUID = 1L;

    public OutOfCreditException(String provider, OptionalInt httpStatus, Optional<String> providerRequestId,
            String message) {
        super(provider, httpStatus, providerRequestId, message, null);
    }
}

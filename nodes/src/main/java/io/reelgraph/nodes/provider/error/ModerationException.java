package io.reelgraph.nodes.provider.error;

import java.util.Optional;
import java.util.OptionalInt;

/** The provider's safety system blocked the prompt or the result; never retried. */
public final class ModerationException extends ProviderException {

    private static final long serialVersionUID = 1L;

    public ModerationException(String provider, OptionalInt httpStatus, Optional<String> providerRequestId,
            String message) {
        super(provider, httpStatus, providerRequestId, message, null);
    }
}

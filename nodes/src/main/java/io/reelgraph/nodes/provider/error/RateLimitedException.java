package io.reelgraph.nodes.provider.error;

import java.util.Optional;
import java.util.OptionalInt;

/** The provider kept answering HTTP 429 after every retry was spent. */
public final class RateLimitedException extends ProviderException {

    private static final long serialVersionUID = 1L;

    public RateLimitedException(String provider, OptionalInt httpStatus, Optional<String> providerRequestId,
            String message) {
        super(provider, httpStatus, providerRequestId, message, null);
    }
}

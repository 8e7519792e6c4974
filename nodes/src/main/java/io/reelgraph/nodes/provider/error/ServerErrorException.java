package io.reelgraph.nodes.provider.error;

import java.util.Optional;
import java.util.OptionalInt;

/** The provider failed on its side (HTTP 5xx) after every retry was spent, or the job failed. */
public final class ServerErrorException extends ProviderException {

    private static final long serialVersionUID = 1L;

    public ServerErrorException(String provider, OptionalInt httpStatus, Optional<String> providerRequestId,
            String message) {
        super(provider, httpStatus, providerRequestId, message, null);
    }
}

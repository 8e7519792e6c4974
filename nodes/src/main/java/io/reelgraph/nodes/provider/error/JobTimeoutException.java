package io.reelgraph.nodes.provider.error;

import java.util.Optional;
import java.util.OptionalInt;

/** A job did not finish within the whole-job timeout; the journal keeps it for the next run. */
public final class JobTimeoutException extends ProviderException {

    private static final long serialVersionUID = 1L;

    public JobTimeoutException(String provider, OptionalInt httpStatus, Optional<String> providerRequestId,
            String message) {
        super(provider, httpStatus, providerRequestId, message, null);
    }
}

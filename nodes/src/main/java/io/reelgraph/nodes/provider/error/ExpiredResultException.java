package io.reelgraph.nodes.provider.error;

import java.util.Optional;
import java.util.OptionalInt;

/** A result URL answered 403, 404 or 410, because the provider already deleted the result. */
public final class ExpiredResultException extends ProviderException {

    private static final long serialVersionUID = 1L;

    public ExpiredResultException(String provider, OptionalInt httpStatus, Optional<String> providerRequestId,
            String message) {
        super(provider, httpStatus, providerRequestId, message, null);
    }
}

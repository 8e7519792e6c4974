package io.reelgraph.nodes.provider.error;

import java.util.Optional;
import java.util.OptionalInt;

/** The provider returned a body that is not the JSON or media the protocol promises. */
public final class MalformedResponseException extends ProviderException {

    private static final long serialVersionUID = 1L;

    public MalformedResponseException(String provider, OptionalInt httpStatus, Optional<String> providerRequestId,
            String message) {
        super(provider, httpStatus, providerRequestId, message, null);
    }
}

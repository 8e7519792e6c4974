package io.reelgraph.nodes.provider.error;

import java.util.Optional;
import java.util.OptionalInt;

/** The provider rejected the key (HTTP 401 or 403); the message names the key alias. */
public final class KeyRejectedException extends ProviderException {

    private static final long serialVersionUID = 1L;

    public KeyRejectedException(String provider, OptionalInt httpStatus, Optional<String> providerRequestId,
            String message) {
        super(provider, httpStatus, providerRequestId, message, null);
    }
}

package io.reelgraph.nodes.provider.error;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A submit was sent but no usable response arrived, so the provider may have created a paid
 * job. The submit is not repeated; the job journal keeps the entry as ambiguous.
 */
public final class AmbiguousSubmitException extends ProviderException {

    private static final long serialVersionUID = 1L;

    public AmbiguousSubmitException(String provider, Optional<String> providerRequestId,
            String message, Throwable cause) {
        super(provider, OptionalInt.empty(), providerRequestId, message, cause);
    }
}

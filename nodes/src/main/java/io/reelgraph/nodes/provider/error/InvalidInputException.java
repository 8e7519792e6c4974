package io.reelgraph.nodes.provider.error;

import java.util.Optional;
import java.util.OptionalInt;

/** The provider rejected the request's input as invalid; never retried. */
public final class InvalidInputException extends ProviderException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /** @param field the input field the provider named, such as {@code prompt}, when it named one */
    public InvalidInputException(String provider, OptionalInt httpStatus,
            Optional<String> providerRequestId, Optional<String> field, String message) {
        super(provider, httpStatus, providerRequestId, message, null);
        this.field = field.orElse(null);
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}

package io.reelgraph.nodes.provider.error;

import io.reelgraph.engine.type.NodeException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A provider call failed in a way the user can act on. Each kind of failure is its own subtype
 * so callers and the retry policy can tell them apart. Messages never contain a key.
 */
public abstract class ProviderException extends NodeException {

    private static final long serialVersionUID = 1L;

    private final String provider;
    private final int httpStatus;
    private final String providerRequestId;

    protected ProviderException(String provider, OptionalInt httpStatus,
            Optional<String> providerRequestId, String message, Throwable cause) {
        super(message + requestIdSuffix(providerRequestId), cause);
        this.provider = provider;
        this.httpStatus = httpStatus.orElse(0);
        this.providerRequestId = providerRequestId.orElse(null);
    }

    private static String requestIdSuffix(Optional<String> providerRequestId) {
        return providerRequestId.map(id -> " (provider request id " + id + ")").orElse("");
    }

    public String provider() {
        return provider;
    }

    /** Returns the HTTP status of the failed response, when the failure came with one. */
    public OptionalInt httpStatus() {
        return httpStatus == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    public Optional<String> providerRequestId() {
        return Optional.ofNullable(providerRequestId);
    }
}

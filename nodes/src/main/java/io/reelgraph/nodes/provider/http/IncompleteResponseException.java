package io.reelgraph.nodes.provider.http;

import java.io.IOException;
import java.util.Optional;

/**
 * The response headers arrived but reading the body failed, such as on a read timeout. For a
 * submit this means the provider processed the request, so the job may exist.
 */
public final class IncompleteResponseException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String providerRequestId;

    IncompleteResponseException(String message, Optional<String> providerRequestId,
            IOException cause) {
        super(message, cause);
        this.providerRequestId = providerRequestId.orElse(null);
    }

    public Optional<String> providerRequestId() {
        return Optional.ofNullable(providerRequestId);
    }
}

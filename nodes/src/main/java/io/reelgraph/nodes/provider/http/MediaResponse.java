package io.reelgraph.nodes.provider.http;

import java.util.Objects;
import java.util.Optional;
import okhttp3.Headers;

/**
 * A provider response whose body was the media itself, with the response headers, where some
 * providers report the cost and the request id.
 */
public record MediaResponse(DownloadedMedia media, Optional<String> providerRequestId,
        Headers headers) {

    public MediaResponse {
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(providerRequestId, "providerRequestId");
        Objects.requireNonNull(headers, "headers");
    }
}

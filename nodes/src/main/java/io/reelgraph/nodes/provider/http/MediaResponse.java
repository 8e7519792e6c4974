package io.reelgraph.nodes.provider.http;

import java.util.Objects;
import java.util.Optional;
import okhttp3.Headers;

/**
 * A success response whose body was media, typed by its bytes, with the response headers that
 * carry the provider's metadata (Stability's {@code finish-reason} and {@code seed}).
 */
public record MediaResponse(int status, DownloadedMedia media, Headers headers,
        Optional<String> providerRequestId) {

    public MediaResponse {
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(providerRequestId, "providerRequestId");
    }

    /** Returns the value of a response header, when the provider sent it. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }
}

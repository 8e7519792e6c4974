package io.reelgraph.nodes.provider.http;

import java.util.Objects;
import java.util.Optional;

/**
 * A provider's non-success response, as the error mapper sees it.
 *
 * @param body the first 64 KiB of the body, decoded as UTF-8
 * @param keyAlias the alias of the key the request ran on, for messages; never the key
 * @param retryAfterMillis the wait the provider asked for, from {@code retry-after-ms} or
 *     {@code Retry-After}
 */
public record ErrorResponse(String provider, int status, String body,
        Optional<String> providerRequestId, Optional<String> keyAlias, String url,
        Optional<Long> retryAfterMillis) {

    public ErrorResponse {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(providerRequestId, "providerRequestId");
        Objects.requireNonNull(keyAlias, "keyAlias");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(retryAfterMillis, "retryAfterMillis");
    }
}

package io.reelgraph.nodes.provider.http;

import io.reelgraph.nodes.provider.error.ProviderException;

/**
 * Turns a provider's error response into the matching {@link ProviderException} subtype. Each
 * adapter may wrap {@link StandardErrors} to read its own error shapes.
 */
public interface ErrorMapper {

    ProviderException map(ErrorResponse response);

    /**
     * Returns the wait the provider asked for before a retry: by default the
     * {@code Retry-After} headers; a provider that puts the wait in its error body, such as
     * Google's {@code RetryInfo}, reads it there.
     */
    default java.util.Optional<Long> retryAfterMillis(ErrorResponse response) {
        return response.retryAfterMillis();
    }

    /**
     * Returns whether the response is a transient failure worth retrying: by default HTTP 429
     * and 5xx, but never an out-of-credit or moderation response.
     */
    default boolean retryable(ErrorResponse response) {
        int status = response.status();
        if (status != 429 && status < 500) {
            return false;
        }
        ProviderException mapped = map(response);
        return !(mapped instanceof io.reelgraph.nodes.provider.error.OutOfCreditException)
                && !(mapped instanceof io.reelgraph.nodes.provider.error.ModerationException);
    }
}

package io.reelgraph.engine.journal;

import java.util.Objects;
import java.util.Optional;

/**
 * The job a provider accepted: its id and the URLs to poll, fetch and
 * cancel it. Adapters use the URLs from the submit response as they are, because some providers
 * (fal, BFL) return URLs that cannot be rebuilt from the submit URL.
 *
 * @param providerRequestId the id the provider gave the submit request, for support tickets
 */
public record ProviderJob(String providerJobId, Optional<String> providerRequestId,
        Optional<String> pollUrl, Optional<String> resultUrl, Optional<String> cancelUrl) {

    public ProviderJob {
        Objects.requireNonNull(providerJobId, "providerJobId");
        Objects.requireNonNull(providerRequestId, "providerRequestId");
        Objects.requireNonNull(pollUrl, "pollUrl");
        Objects.requireNonNull(resultUrl, "resultUrl");
        Objects.requireNonNull(cancelUrl, "cancelUrl");
    }
}

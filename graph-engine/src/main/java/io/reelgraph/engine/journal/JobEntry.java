package io.reelgraph.engine.journal;

import io.reelgraph.engine.cache.CacheKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the job journal.
 *
 * @param job present once the provider accepted the job
 * @param providerRequestId the provider's id of the submit request, also known when the submit
 *     failed ambiguously after response headers arrived
 * @param owner the id of the journal instance that claimed the entry; empty for entries written
 *     before owners were recorded
 */
public record JobEntry(CacheKey cacheKey, String provider, String model, JobStatus status,
        Optional<ProviderJob> job, Optional<String> providerRequestId, Instant createdAt,
        Instant updatedAt, Optional<String> owner) {

    public JobEntry {
        Objects.requireNonNull(cacheKey, "cacheKey");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(providerRequestId, "providerRequestId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(owner, "owner");
    }
}

package io.reelgraph.engine.money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * One row of the spend ledger.
 *
 * @param runId the id of the run that made the call
 * @param keyAlias the alias of the key that paid, when the engine knew it
 * @param actualUsd the actual cost, once settled; zero for cache hits
 */
public record LedgerEntry(long id, Instant createdAt, String runId, String project,
        String provider, String model, Optional<String> keyAlias, String nodeId, String itemKey,
        String cacheKey, BigDecimal projectedUsd, Optional<BigDecimal> actualUsd,
        LedgerStatus status, Optional<String> providerRequestId) {

    /** Returns what the row counts against caps: the actual cost once settled, else projected. */
    public BigDecimal countedUsd() {
        if (!status.counts()) {
            return BigDecimal.ZERO;
        }
        return status == LedgerStatus.SETTLED ? actualUsd.orElse(projectedUsd) : projectedUsd;
    }
}

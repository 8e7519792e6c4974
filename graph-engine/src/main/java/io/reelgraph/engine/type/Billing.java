package io.reelgraph.engine.type;

import java.math.BigDecimal;

/**
 * What a paid work item will call and what it is projected to cost. The provider, model,
 * version pin and variation enter the cache key; the projected cost does not.
 *
 * @param basis how the projection was computed, such as {@code "5 s x $0.05/s"}
 * @param draft whether the call goes to the free draft provider
 */
public record Billing(String provider, String model, String versionPin, int variation,
        BigDecimal projectedUsd, String basis, boolean draft) {

    public Billing {
        if (projectedUsd.signum() < 0) {
            throw new IllegalArgumentException("Projected cost of " + provider + "/" + model
                    + " is negative: " + projectedUsd.toPlainString());
        }
    }
}

package io.reelgraph.engine.money;

import java.math.BigDecimal;

/**
 * One budget cap.
 *
 * @param subject the project name for project caps, the provider id for provider caps, and
 *     {@code ""} for the run cap
 * @param limitUsd the most that may be spent and reserved under the cap, in US dollars
 */
public record BudgetCap(CapScope scope, String subject, BigDecimal limitUsd) {

    public BudgetCap {
        if (limitUsd.signum() < 0) {
            throw new IllegalArgumentException("A budget cap must be zero or more US dollars, got "
                    + limitUsd.toPlainString());
        }
        if (scope == CapScope.RUN && !subject.isEmpty()) {
            throw new IllegalArgumentException("The run cap has no subject, got " + subject);
        }
        if (scope != CapScope.RUN && subject.isBlank()) {
            throw new IllegalArgumentException("A " + scope + " cap needs a project or provider");
        }
    }

    /** Returns the cap in words, such as {@code the monthly cap of project night-market}. */
    public String describe() {
        return switch (scope) {
            case RUN -> "the run cap";
            case PROJECT_TOTAL -> "the total cap of project " + subject;
            case PROJECT_MONTH -> "the monthly cap of project " + subject;
            case PROVIDER_MONTH -> "the monthly cap of provider " + subject;
        };
    }
}

package io.reelgraph.nodes.provider.keys;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of one key check. The message names the provider and the key alias and never
 * contains the key.
 *
 * @param providerRequestId the provider's id of the check request, when the response carried one
 */
public record KeyCheckResult(String provider, String alias, KeyCheckOutcome outcome,
        String message, Optional<String> providerRequestId) {

    public KeyCheckResult {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(providerRequestId, "providerRequestId");
    }

    public boolean accepted() {
        return outcome == KeyCheckOutcome.ACCEPTED;
    }
}

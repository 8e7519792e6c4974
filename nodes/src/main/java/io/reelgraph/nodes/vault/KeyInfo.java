package io.reelgraph.nodes.vault;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A vault entry without its secret, for listing.
 *
 * @param maskedSecret the secret in masked form, such as {@code sk-…a1B2}
 * @param rotated when the secret was last replaced, empty if never
 * @param lastUsed when the secret was last handed to a provider call, empty if never
 * @param projectScope the only project that may use the key, empty for every project
 */
public record KeyInfo(
        KeyAlias alias,
        String provider,
        String maskedSecret,
        Instant created,
        Optional<Instant> rotated,
        Optional<Instant> lastUsed,
        Optional<String> projectScope) {

    public KeyInfo {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(maskedSecret, "maskedSecret");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(rotated, "rotated");
        Objects.requireNonNull(lastUsed, "lastUsed");
        Objects.requireNonNull(projectScope, "projectScope");
    }
}

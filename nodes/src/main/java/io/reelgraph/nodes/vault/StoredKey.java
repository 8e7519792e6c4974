package io.reelgraph.nodes.vault;

import io.reelgraph.nodes.provider.keys.Secret;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/** One decrypted vault entry; it owns its secret array and wipes it in {@link #wipe()}. */
final class StoredKey {

    final KeyAlias alias;
    final String provider;
    char[] secret;
    final Instant created;
    Optional<Instant> rotated;
    Optional<Instant> lastUsed;
    final Optional<String> projectScope;

    StoredKey(KeyAlias alias, String provider, char[] secret, Instant created,
            Optional<Instant> rotated, Optional<Instant> lastUsed, Optional<String> projectScope) {
        this.alias = alias;
        this.provider = provider;
        this.secret = secret;
        this.created = created;
        this.rotated = rotated;
        this.lastUsed = lastUsed;
        this.projectScope = projectScope;
    }

    /** Returns whether a project may use this key: the key has no scope or is scoped to it. */
    boolean usableBy(Optional<String> project) {
        return projectScope.isEmpty() || projectScope.equals(project);
    }

    KeyInfo info() {
        return new KeyInfo(alias, provider, Secret.mask(secret), created, rotated, lastUsed,
                projectScope);
    }

    /** Replaces the secret, wiping the old one; takes ownership of the new array. */
    void replaceSecret(char[] newSecret) {
        Arrays.fill(secret, '\0');
        secret = newSecret;
    }

    void wipe() {
        Arrays.fill(secret, '\0');
    }

    @Override
    public String toString() {
        return "StoredKey[" + alias + ", " + provider + ", " + Secret.mask(secret) + "]";
    }
}

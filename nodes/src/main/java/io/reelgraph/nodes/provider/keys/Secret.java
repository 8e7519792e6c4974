package io.reelgraph.nodes.provider.keys;

import io.reelgraph.engine.file.SecretPatterns;
import java.util.Arrays;

/**
 * An API key held as characters that can be wiped. {@link #toString()} shows only the masked
 * form, such as {@code sk-…a1B2}, and two secrets are equal only when they are the same object,
 * so a key never leaks through logging, a collection dump or an assertion message.
 */
public final class Secret {

    private final char[] value;
    private final String masked;
    private boolean wiped;

    /** Creates a secret from a copy of the characters; the caller may wipe its own array. */
    public Secret(char[] value) {
        this.value = value.clone();
        this.masked = SecretPatterns.mask(new String(value));
    }

    /**
     * Returns a copy of the characters for one use, such as building a request header. The
     * caller should wipe the copy after use.
     *
     * @throws IllegalStateException when the secret was wiped
     */
    public synchronized char[] reveal() {
        if (wiped) {
            throw new IllegalStateException("The key " + masked
                    + " was wiped; look it up again from the vault or environment");
        }
        return value.clone();
    }

    /** Overwrites the characters with zeros; later calls to {@link #reveal()} fail. */
    public synchronized void wipe() {
        Arrays.fill(value, '\0');
        wiped = true;
    }

    public synchronized boolean wiped() {
        return wiped;
    }

    /** Returns the masked form, such as {@code sk-…a1B2}. */
    public String masked() {
        return masked;
    }

    @Override
    public String toString() {
        return masked;
    }
}

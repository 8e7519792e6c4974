package io.reelgraph.nodes.provider.keys;

import io.reelgraph.engine.file.SecretPatterns;
import java.util.Arrays;

/**
 * An API key held as characters that can be wiped. {@link #toString()} shows only the masked
 * form, such as {@code sk-…a1B2}, and two secrets are equal only when they are the same object,
 * so a key never leaks through logging, a collection dump or an assertion message. Close or
 * wipe it as soon as the key is no longer needed.
 *
 * <p>A secret is safe for use by several threads.
 */
public final class Secret implements AutoCloseable {

    private final char[] value;
    private final String masked;
    private boolean wiped;

    /** Creates a secret from a copy of the characters; the caller wipes its own array. */
    public Secret(char[] value) {
        this.value = value.clone();
        this.masked = mask(value);
    }

    /**
     * Returns a copy of the characters for one use, such as building a request header. The
     * caller wipes the copy after use, for example with {@code Arrays.fill(chars, '\0')}.
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

    /** Wipes the secret, like {@link #wipe()}. */
    @Override
    public void close() {
        wipe();
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

    /**
     * Masks a secret the way {@link SecretPatterns#mask} does, without building a string of the
     * whole secret: a provider prefix is at most 8 characters, so the first 8 and the last 4
     * characters give the same masked form.
     */
    public static String mask(char[] secret) {
        if (secret.length < 12) {
            return "…";
        }
        char[] ends = new char[12];
        System.arraycopy(secret, 0, ends, 0, 8);
        System.arraycopy(secret, secret.length - 4, ends, 8, 4);
        String masked = SecretPatterns.mask(new String(ends));
        Arrays.fill(ends, '\0');
        return masked;
    }
}

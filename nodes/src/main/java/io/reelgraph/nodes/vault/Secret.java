package io.reelgraph.nodes.vault;

import io.reelgraph.engine.file.SecretPatterns;
import java.util.Arrays;

/**
 * A provider key handed out by the vault. It keeps its own copy of the characters; close it as
 * soon as the key is no longer needed, which overwrites them. {@link #toString()} shows only the
 * masked form.
 */
public final class Secret implements AutoCloseable {

    private final char[] value;
    private final String masked;
    private boolean wiped;

    /** Takes ownership of the array: the caller must not keep or change it. */
    Secret(char[] value) {
        this.value = value;
        this.masked = mask(value);
    }

    /**
     * Returns a copy of the key's characters. The caller wipes the copy, for example with
     * {@code Arrays.fill(chars, '\0')}, when done.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public char[] chars() {
        if (wiped) {
            throw new IllegalStateException("The secret was closed and its characters wiped");
        }
        return value.clone();
    }

    /** Returns the masked form, such as {@code sk-…a1B2}. */
    public String masked() {
        return masked;
    }

    /** Overwrites the characters; later calls to {@link #chars()} fail. */
    @Override
    public void close() {
        Arrays.fill(value, '\0');
        wiped = true;
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
    static String mask(char[] secret) {
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

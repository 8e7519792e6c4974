package io.reelgraph.engine.artifact;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 of an artifact's bytes, as 64 lower-case hex digits. */
public record ContentHash(String hex) implements Comparable<ContentHash> {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public ContentHash {
        if (!HEX64.matcher(hex).matches()) {
            throw new IllegalArgumentException("Invalid content hash \"" + hex
                    + "\": expected 64 lower-case hex digits");
        }
    }

    public static ContentHash of(byte[] bytes) {
        return new ContentHash(HexFormat.of().formatHex(sha256().digest(bytes)));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }

    /** Returns the first 12 hex digits, enough to tell results apart in a table. */
    public String shortForm() {
        return hex.substring(0, 12);
    }

    @Override
    public int compareTo(ContentHash other) {
        return hex.compareTo(other.hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}

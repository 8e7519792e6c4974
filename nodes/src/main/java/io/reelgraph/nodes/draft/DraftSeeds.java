package io.reelgraph.nodes.draft;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Derives stable 64-bit values from request fields with SHA-256, so draft output depends on the
 * request alone and never on {@link Object#hashCode()}, the clock or the JVM run.
 */
final class DraftSeeds {

    private DraftSeeds() {
    }

    static long mix(long seed, int variation, String... parts) {
        MessageDigest sha256 = sha256();
        sha256.update(ByteBuffer.allocate(12).putLong(seed).putInt(variation).array());
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            // Length-prefix each part so ("ab", "c") and ("a", "bc") differ.
            sha256.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            sha256.update(bytes);
        }
        return ByteBuffer.wrap(sha256.digest()).getLong();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM; every Java 17 "
                    + "runtime must provide it", e);
        }
    }
}

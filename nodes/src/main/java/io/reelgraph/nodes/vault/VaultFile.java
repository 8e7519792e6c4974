package io.reelgraph.nodes.vault;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The vault file format, version 1: a 72-byte header followed by the AES-256-GCM ciphertext of
 * the payload with its 16-byte tag. The whole header is the associated data, so changing any
 * header byte makes decryption fail.
 *
 * <pre>
 * offset size
 *  0      8   magic "RGVAULT\n"
 *  8      2   format version, 1
 * 10      1   key derivation id, 1 = Argon2id version 1.3
 * 11      4   Argon2id memory in KiB
 * 15      4   Argon2id iterations
 * 19      1   Argon2id parallelism
 * 20     16   salt, new on every write
 * 36     12   GCM nonce, new on every write
 * 48     16   key check value, the second part of the Argon2id output
 * 64      4   ciphertext length in bytes, tag included
 * 68      4   CRC-32C of bytes 0 to 67
 * 72      -   ciphertext
 * </pre>
 *
 * <p>The CRC distinguishes accidental damage to the header from a wrong passphrase, and the key
 * check value distinguishes a wrong passphrase from damaged ciphertext. Neither helps an attacker:
 * the CRC is public, and testing a passphrase guess against the check value costs one Argon2id
 * derivation, the same as testing it against the GCM tag.
 */
final class VaultFile {

    static final byte[] MAGIC = {'R', 'G', 'V', 'A', 'U', 'L', 'T', '\n'};
    static final int FORMAT_VERSION = 1;
    static final int KDF_ARGON2ID = 1;
    static final int SALT_LENGTH = 16;
    static final int NONCE_LENGTH = 12;
    static final int CHECK_LENGTH = 16;
    static final int KEY_LENGTH = 32;
    static final int TAG_LENGTH = 16;
    static final int HEADER_LENGTH = 72;
    private static final int CHECKED_LENGTH = 68;

    /** The parsed header; {@code bytes} is the whole header, used as associated data. */
    record Header(KdfParameters kdf, byte[] salt, byte[] nonce, byte[] check, int cipherLength,
            byte[] bytes) {
    }

    private VaultFile() {
    }

    /**
     * Parses and checks the header of a vault file.
     *
     * @throws DamagedVaultException when the file is not a complete version 1 vault
     */
    static Header parseHeader(Path file, byte[] content) throws DamagedVaultException {
        if (content.length < MAGIC.length
                || !Arrays.equals(content, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            if (content.length < MAGIC.length
                    && Arrays.equals(content, 0, content.length, MAGIC, 0, content.length)) {
                throw new DamagedVaultException(file, "truncated to " + content.length + " bytes");
            }
            throw new DamagedVaultException(file, "not a Reelgraph key vault: the file does not"
                    + " start with the vault signature");
        }
        if (content.length < 10) {
            throw new DamagedVaultException(file, "truncated to " + content.length + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(content);
        int version = Short.toUnsignedInt(buffer.getShort(8));
        if (version != FORMAT_VERSION) {
            throw new DamagedVaultException(file, "format version " + version + " is not"
                    + " supported; this build of Reelgraph reads version " + FORMAT_VERSION);
        }
        if (content.length < HEADER_LENGTH) {
            throw new DamagedVaultException(file, "truncated to " + content.length + " bytes");
        }
        if (buffer.getInt(CHECKED_LENGTH) != crc(content)) {
            throw new DamagedVaultException(file, "the header checksum does not match, so the"
                    + " header was altered");
        }
        return readFields(file, content, buffer);
    }

    private static Header readFields(Path file, byte[] content, ByteBuffer buffer)
            throws DamagedVaultException {
        int kdfId = Byte.toUnsignedInt(buffer.get(10));
        if (kdfId != KDF_ARGON2ID) {
            throw new DamagedVaultException(file, "unknown key derivation id " + kdfId);
        }
        int memory = buffer.getInt(11);
        int iterations = buffer.getInt(15);
        int parallelism = Byte.toUnsignedInt(buffer.get(19));
        String problem = KdfParameters.problem(memory, iterations, parallelism).orElse(null);
        if (problem != null) {
            throw new DamagedVaultException(file, "Argon2id " + problem);
        }
        int cipherLength = buffer.getInt(64);
        long expected = (long) HEADER_LENGTH + cipherLength;
        if (cipherLength < TAG_LENGTH) {
            throw new DamagedVaultException(file, "ciphertext length " + cipherLength
                    + " is shorter than the GCM tag");
        }
        if (content.length < expected) {
            throw new DamagedVaultException(file, "truncated to " + content.length + " of "
                    + expected + " bytes");
        }
        if (content.length > expected) {
            throw new DamagedVaultException(file, (content.length - expected)
                    + " unexpected bytes after the ciphertext");
        }
        return new Header(new KdfParameters(memory, iterations, parallelism),
                Arrays.copyOfRange(content, 20, 36), Arrays.copyOfRange(content, 36, 48),
                Arrays.copyOfRange(content, 48, 64), cipherLength,
                Arrays.copyOf(content, HEADER_LENGTH));
    }

    /** Returns whether the derived key material matches the check value in the header. */
    static boolean checkMatches(Header header, DerivedKey key) {
        return MessageDigest.isEqual(header.check(), key.check());
    }

    /**
     * Decrypts the ciphertext of a file whose header was parsed and whose key check matched.
     *
     * @throws DamagedVaultException when the GCM tag does not match, so the ciphertext was altered
     */
    static byte[] decrypt(Path file, byte[] content, Header header, DerivedKey key)
            throws DamagedVaultException {
        GCMModeCipher cipher = cipher(false, key, header.nonce(), header.bytes());
        byte[] plain = new byte[cipher.getOutputSize(header.cipherLength())];
        try {
            int length = cipher.processBytes(content, HEADER_LENGTH, header.cipherLength(), plain, 0);
            length += cipher.doFinal(plain, length);
            if (length != plain.length) {
                byte[] exact = Arrays.copyOf(plain, length);
                Arrays.fill(plain, (byte) 0);
                return exact;
            }
            return plain;
        } catch (InvalidCipherTextException e) {
            Arrays.fill(plain, (byte) 0);
            throw new DamagedVaultException(file, "the ciphertext fails its authentication tag,"
                    + " so it was altered", e);
        }
    }

    /** Builds a complete vault file from a payload; the caller wipes the payload. */
    static byte[] encrypt(byte[] payload, KdfParameters kdf, byte[] salt, byte[] nonce,
            DerivedKey key) {
        int cipherLength = payload.length + TAG_LENGTH;
        byte[] out = new byte[HEADER_LENGTH + cipherLength];
        ByteBuffer buffer = ByteBuffer.wrap(out);
        buffer.put(MAGIC);
        buffer.putShort((short) FORMAT_VERSION);
        buffer.put((byte) KDF_ARGON2ID);
        buffer.putInt(kdf.memoryKiB());
        buffer.putInt(kdf.iterations());
        buffer.put((byte) kdf.parallelism());
        buffer.put(salt);
        buffer.put(nonce);
        buffer.put(key.check());
        buffer.putInt(cipherLength);
        buffer.putInt(crc(out));

        byte[] header = Arrays.copyOf(out, HEADER_LENGTH);
        GCMModeCipher cipher = cipher(true, key, nonce, header);
        int length = cipher.processBytes(payload, 0, payload.length, out, HEADER_LENGTH);
        try {
            cipher.doFinal(out, HEADER_LENGTH + length);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("GCM encryption failed", e);
        }
        return out;
    }

    private static GCMModeCipher cipher(boolean encrypt, DerivedKey key, byte[] nonce,
            byte[] header) {
        GCMModeCipher cipher = GCMBlockCipher.newInstance(AESEngine.newInstance());
        byte[] keyBytes = key.encryptionKey();
        KeyParameter keyParameter = new KeyParameter(keyBytes);
        cipher.init(encrypt, new AEADParameters(keyParameter, TAG_LENGTH * 8, nonce, header));

        // KeyParameter makes its own copy of the key. The cipher has expanded the key by now, so
        // both copies are wiped.
        // NOTE: the AES engine keeps its round keys until the cipher is garbage collected.
        Arrays.fill(keyBytes, (byte) 0);
        Arrays.fill(keyParameter.getKey(), (byte) 0);
        return cipher;
    }

    private static int crc(byte[] content) {
        CRC32C crc = new CRC32C();
        crc.update(content, 0, CHECKED_LENGTH);
        return (int) crc.getValue();
    }
}

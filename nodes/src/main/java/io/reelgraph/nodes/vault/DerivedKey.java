package io.reelgraph.nodes.vault;

import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The Argon2id output for one salt: the AES-256 key and the key check value. It is wiped when
 * the vault moves on to a new salt or is closed.
 */
final class DerivedKey {

    private final KdfParameters kdf;
    private final byte[] salt;
    private final byte[] material;

    private DerivedKey(KdfParameters kdf, byte[] salt, byte[] material) {
        this.kdf = kdf;
        this.salt = salt.clone();
        this.material = material;
    }

    /** Derives the key from the passphrase in UTF-8; the caller keeps and wipes the passphrase. */
    static DerivedKey derive(byte[] passphrase, KdfParameters kdf, byte[] salt) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(kdf.memoryKiB())
                .withIterations(kdf.iterations())
                .withParallelism(kdf.parallelism())
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] material = new byte[VaultFile.KEY_LENGTH + VaultFile.CHECK_LENGTH];
        generator.generateBytes(passphrase, material);
        return new DerivedKey(kdf, salt, material);
    }

    boolean derivedFor(KdfParameters otherKdf, byte[] otherSalt) {
        return kdf.equals(otherKdf) && Arrays.equals(salt, otherSalt);
    }

    /** Returns a copy of the AES key; the caller wipes it. */
    byte[] encryptionKey() {
        return Arrays.copyOf(material, VaultFile.KEY_LENGTH);
    }

    byte[] check() {
        return Arrays.copyOfRange(material, VaultFile.KEY_LENGTH, material.length);
    }

    void wipe() {
        Arrays.fill(material, (byte) 0);
    }

    @Override
    public String toString() {
        return "DerivedKey[" + kdf + "]";
    }
}

package io.reelgraph.nodes.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.reelgraph.nodes.provider.keys.Secret;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultTest {

    /** Cheap Argon2id parameters, so tests that open a vault many times stay fast. */
    static final KdfParameters FAST = new KdfParameters(1024, 1, 1);
    static final String PASSPHRASE = "correct horse battery staple";
    static final String OPENAI_KEY = "sk-proj-Zx81TqLw0pVnB4mE7rYc2dKa9sHf3a1B2";
    static final String OTHER_OPENAI_KEY = "sk-proj-Qw7ErTy8UiOp1AsDf2GhJk3LzXc4Vb9Z";
    static final String FAL_KEY = "0f8a3c9e-5b7d-4e21-9a6c-1d2e3f4a5b6c:8e1f2a3b4c5d6e7f8a9b0c1d";

    @TempDir
    Path folder;
    Path file;

    @BeforeEach
    void setUp() {
        file = folder.resolve("keys.vault");
    }

    Vault create() throws VaultException {
        return Vault.create(file, PASSPHRASE.toCharArray(), FAST);
    }

    Vault open() throws VaultException {
        return Vault.open(file, PASSPHRASE.toCharArray());
    }

    static KeyAlias alias(String name) {
        return KeyAlias.of(name);
    }

    static String reveal(Secret secret) {
        char[] chars = secret.reveal();
        String text = new String(chars);
        Arrays.fill(chars, '\0');
        return text;
    }

    @Nested
    class RoundTrip {

        @Test
        void addedKeyReadsBackAfterReopening() throws Exception {
            try (Vault vault = create()) {
                vault.add("openai", alias("main"), OPENAI_KEY.toCharArray(), Optional.empty());
            }

            try (Vault vault = open()) {
                List<KeyInfo> keys = vault.list();
                assertThat(keys).hasSize(1);
                KeyInfo info = keys.get(0);
                assertThat(info.alias()).isEqualTo(alias("main"));
                assertThat(info.provider()).isEqualTo("openai");
                assertThat(info.maskedSecret()).isEqualTo("sk-proj-…a1B2");
                assertThat(info.rotated()).isEmpty();
                assertThat(info.lastUsed()).isEmpty();
                assertThat(info.projectScope()).isEmpty();
                try (Secret secret = vault.secretFor("openai", Optional.empty()).orElseThrow()) {
                    assertThat(reveal(secret)).isEqualTo(OPENAI_KEY);
                }
            }
        }

        @Test
        void fileHoldsNoSecretInPlainText() throws Exception {
            try (Vault vault = create()) {
                vault.add("openai", alias("main"), OPENAI_KEY.toCharArray(), Optional.empty());
            }

            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(content).doesNotContain(OPENAI_KEY);
            assertThat(content).doesNotContain("a1B2");
            assertThat(content).doesNotContain("main");
        }

        @Test
        void everyWriteUsesNewSaltAndNonce() throws Exception {
            try (Vault vault = create()) {
                byte[] first = Files.readAllBytes(file);
                vault.add("openai", alias("main"), OPENAI_KEY.toCharArray(), Optional.empty());
                byte[] second = Files.readAllBytes(file);

                assertThat(Arrays.copyOfRange(second, 20, 36))
                        .isNotEqualTo(Arrays.copyOfRange(first, 20, 36));
                assertThat(Arrays.copyOfRange(second, 36, 48))
                        .isNotEqualTo(Arrays.copyOfRange(first, 36, 48));
            }
        }

        @Test
        void headerRecordsArgon2idParameters() throws Exception {
            create().close();

            ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(file));
            assertThat(header.getShort(8)).isEqualTo((short) 1);
            assertThat(header.get(10)).isEqualTo((byte) 1);
            assertThat(header.getInt(11)).isEqualTo(1024);
            assertThat(header.getInt(15)).isEqualTo(1);
            assertThat(header.get(19)).isEqualTo((byte) 1);
        }

        @Test
        void defaultParametersOpenToo() throws Exception {
            Vault.create(file, PASSPHRASE.toCharArray()).close();

            try (Vault vault = open()) {
                assertThat(vault.list()).isEmpty();
            }
            assertThat(ByteBuffer.wrap(Files.readAllBytes(file)).getInt(11)).isEqualTo(65536);
        }

        @Test
        void newVaultIsReadableByOwnerOnly() throws Exception {
            create().close();

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }

        @Test
        void createRejectsExistingFile() throws Exception {
            create().close();
            byte[] before = Files.readAllBytes(file);

            assertThatThrownBy(VaultTest.this::create)
                    .isInstanceOf(VaultException.class)
                    .hasMessageContaining("a key vault already exists");
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
        }

        @Test
        void openOfMissingFileSaysSo() {
            assertThatThrownBy(VaultTest.this::open)
                    .isInstanceOf(VaultException.class)
                    .hasMessage(file + ": no key vault found; add a key to create one");
        }
    }

    @Nested
    class WrongPassphrase {

        @Test
        void wrongPassphraseIsTypedAndChangesNothing() throws Exception {
            try (Vault vault = create()) {
                vault.add("openai", alias("main"), OPENAI_KEY.toCharArray(), Optional.empty());
            }
            byte[] before = Files.readAllBytes(file);

            Throwable failure = catchThrowable(() -> Vault.open(file, "wrong guess".toCharArray()));

            assertThat(failure).isInstanceOf(WrongPassphraseException.class);
            assertThat(failure.getMessage()).isEqualTo(file + ": wrong passphrase; the vault was"
                    + " not changed. Enter the passphrase the vault was created with.");
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
        }

        @Test
        void emptyPassphraseIsRejected() {
            char[] empty = new char[0];

            assertThatThrownBy(() -> Vault.create(file, empty, FAST))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("The passphrase is empty");
            assertThat(file).doesNotExist();
        }
    }

    @Nested
    class Wiping {

        @Test
        void createWipesPassphraseArray() throws Exception {
            char[] passphrase = PASSPHRASE.toCharArray();

            Vault.create(file, passphrase, FAST).close();

            assertThat(passphrase).containsOnly('\0');
        }

        @Test
        void openWipesPassphraseArray() throws Exception {
            create().close();
            char[] passphrase = PASSPHRASE.toCharArray();

            Vault.open(file, passphrase).close();

            assertThat(passphrase).containsOnly('\0');
        }

        @Test
        void failedOpenWipesPassphraseArray() throws Exception {
            create().close();
            char[] passphrase = "wrong guess".toCharArray();

            assertThatThrownBy(() -> Vault.open(file, passphrase))
                    .isInstanceOf(WrongPassphraseException.class);

            assertThat(passphrase).containsOnly('\0');
        }

        @Test
        void closeWipesVaultsPassphraseCopy() throws Exception {
            Vault vault = create();
            assertThat(vault.passphraseWiped()).isFalse();

            vault.close();

            assertThat(vault.passphraseWiped()).isTrue();
        }

        @Test
        void addAndRotateWipeSecretArrays() throws Exception {
            char[] added = OPENAI_KEY.toCharArray();
            char[] rotated = OTHER_OPENAI_KEY.toCharArray();
            try (Vault vault = create()) {
                vault.add("openai", alias("main"), added, Optional.empty());
                vault.rotate(alias("main"), rotated);
            }

            assertThat(added).containsOnly('\0');
            assertThat(rotated).containsOnly('\0');
        }

        @Test
        void failedAddWipesSecretArray() throws Exception {
            char[] duplicate = OTHER_OPENAI_KEY.toCharArray();
            try (Vault vault = create()) {
                vault.add("openai", alias("main"), OPENAI_KEY.toCharArray(), Optional.empty());

                assertThatThrownBy(() -> vault.add("openai", alias("main"), duplicate,
                        Optional.empty())).isInstanceOf(KeyEntryException.class);
            }

            assertThat(duplicate).containsOnly('\0');
        }

        @Test
        void closedSecretIsWiped() throws Exception {
            try (Vault vault = create()) {
                vault.add("openai", alias("main"), OPENAI_KEY.toCharArray(), Optional.empty());
                Secret secret = vault.secretFor("openai", Optional.empty()).orElseThrow();

                secret.close();

                assertThatThrownBy(secret::reveal).isInstanceOf(IllegalStateException.class);
            }
        }

        @Test
        void toStringShowsOnlyMaskedForm() throws Exception {
            try (Vault vault = create()) {
                vault.add("openai", alias("main"), OPENAI_KEY.toCharArray(), Optional.empty());
                KeyInfo info = vault.list().get(0);
                try (Secret secret = vault.secretFor("openai", Optional.empty()).orElseThrow()) {
                    assertThat(secret.toString()).isEqualTo("sk-proj-…a1B2");
                }
                assertThat(info.toString()).doesNotContain(OPENAI_KEY).contains("sk-proj-…a1B2");
                assertThat(vault.toString()).doesNotContain(PASSPHRASE);
            }
        }

        @Test
        void storedKeyToStringIsMasked() {
            StoredKey key = new StoredKey(alias("main"), "openai", OPENAI_KEY.toCharArray(),
                    java.time.Instant.EPOCH, Optional.empty(), Optional.empty(), Optional.empty());

            assertThat(key.toString()).isEqualTo("StoredKey[main, openai, sk-proj-…a1B2]");
        }
    }

    @Nested
    class Damage {

        /** Writes a vault with one key and returns its bytes. */
        byte[] smallVault() throws Exception {
            try (Vault vault = create()) {
                vault.add("fal", alias("f"), FAL_KEY.toCharArray(), Optional.empty());
            }
            return Files.readAllBytes(file);
        }

        @Test
        void flippedByteAtEveryPositionIsDetected() throws Exception {
            byte[] original = smallVault();
            List<String> undetected = new ArrayList<>();

            for (int position = 0; position < original.length; position++) {
                byte[] damaged = original.clone();
                damaged[position] ^= 0x5A;
                Files.write(file, damaged);

                Throwable failure = catchThrowable(VaultTest.this::open);

                if (!(failure instanceof DamagedVaultException)
                        && !(failure instanceof WrongPassphraseException)) {
                    undetected.add(position + ": " + failure);
                } else if (failure.getMessage().contains(FAL_KEY)
                        || failure.getMessage().contains(PASSPHRASE)) {
                    undetected.add(position + ": message contains key material");
                }
                assertThat(Files.readAllBytes(file)).isEqualTo(damaged);
            }

            assertThat(undetected).isEmpty();
        }

        @Test
        void flippedByteIsReportedAsDamage() throws Exception {
            byte[] original = smallVault();

            // A header byte, a ciphertext byte and the last tag byte.
            for (int position : new int[] {12, 80, original.length - 1}) {
                byte[] damaged = original.clone();
                damaged[position] ^= 0x01;
                Files.write(file, damaged);

                assertThatThrownBy(VaultTest.this::open)
                        .as("byte %d", position)
                        .isInstanceOf(DamagedVaultException.class);
            }
        }

        @Test
        void truncationAtSeveralLengthsIsDamage() throws Exception {
            byte[] original = smallVault();
            int[] lengths = {0, 1, 7, 8, 9, 10, 40, 71, 72, 73, original.length - 16,
                original.length - 1};

            for (int length : lengths) {
                Files.write(file, Arrays.copyOf(original, length));

                assertThatThrownBy(VaultTest.this::open)
                        .as("length %d", length)
                        .isInstanceOf(DamagedVaultException.class)
                        .hasMessageContaining("truncated to " + length);
            }
        }

        @Test
        void extraBytesAreDamage() throws Exception {
            byte[] original = smallVault();
            Files.write(file, Arrays.copyOf(original, original.length + 3));

            assertThatThrownBy(VaultTest.this::open)
                    .isInstanceOf(DamagedVaultException.class)
                    .hasMessageContaining("3 unexpected bytes after the ciphertext");
        }

        @Test
        void otherFileIsNotAVault() throws Exception {
            Files.writeString(file, "{\"format\": \"reelgraph\"}");

            assertThatThrownBy(VaultTest.this::open)
                    .isInstanceOf(DamagedVaultException.class)
                    .hasMessage(file + ": the key vault is damaged (not a Reelgraph key vault: the"
                            + " file does not start with the vault signature); it was not changed."
                            + " Restore it from a backup, or move it away and add the keys again.");
        }

        @Test
        void unknownFormatVersionIsDamage() throws Exception {
            byte[] content = smallVault();
            content[9] = 2;
            Files.write(file, content);

            assertThatThrownBy(VaultTest.this::open)
                    .isInstanceOf(DamagedVaultException.class)
                    .hasMessageContaining("format version 2 is not supported; this build of"
                            + " Reelgraph reads version 1");
        }

        @Test
        void nonceChangedWithValidChecksumFailsTag() throws Exception {
            byte[] content = smallVault();
            content[40] ^= 0x01;
            fixChecksum(content);
            Files.write(file, content);

            assertThatThrownBy(VaultTest.this::open)
                    .isInstanceOf(DamagedVaultException.class)
                    .hasMessageContaining("fails its authentication tag");
        }

        @Test
        void hugeMemoryParameterIsRejectedBeforeDerivation() throws Exception {
            byte[] content = smallVault();
            ByteBuffer.wrap(content).putInt(11, Integer.MAX_VALUE);
            fixChecksum(content);
            Files.write(file, content);

            assertThatThrownBy(VaultTest.this::open)
                    .isInstanceOf(DamagedVaultException.class)
                    .hasMessageContaining("memory 2147483647 KiB is not between 8 and 1048576 KiB");
        }

        @Test
        void changeOnDamagedVaultKeepsFile() throws Exception {
            byte[] original = smallVault();
            try (Vault vault = open()) {
                byte[] damaged = original.clone();
                damaged[100] ^= 0x01;
                Files.write(file, damaged);

                assertThatThrownBy(() -> vault.add("openai", alias("main"),
                        OPENAI_KEY.toCharArray(), Optional.empty()))
                        .isInstanceOf(DamagedVaultException.class);
                assertThat(Files.readAllBytes(file)).isEqualTo(damaged);
            }
        }

        private void fixChecksum(byte[] content) {
            CRC32C crc = new CRC32C();
            crc.update(content, 0, 68);
            ByteBuffer.wrap(content).putInt(68, (int) crc.getValue());
        }
    }

    @Nested
    class Entries {

        @Test
        void duplicateAliasIsRejected() throws Exception {
            try (Vault vault = create()) {
                vault.add("openai", alias("main"), OPENAI_KEY.toCharArray(), Optional.empty());

                assertThatThrownBy(() -> vault.add("fal", alias("main"), FAL_KEY.toCharArray(),
                        Optional.empty()))
                        .isInstanceOf(KeyEntryException.class)
                        .hasMessage("The key alias main is already in " + file
                                + "; rotate it, or choose another alias");
            }
        }

        @Test
        void rotationKeepsCreatedAndBindings() throws Exception {
            try (Vault vault = create()) {
                KeyInfo added = vault.add("openai", alias("main"), OPENAI_KEY.toCharArray(),
                        Optional.empty());
                vault.add("openai", alias("spare"), OTHER_OPENAI_KEY.toCharArray(),
                        Optional.empty());
                vault.bind("night-market", "openai", alias("main"));

                KeyInfo rotated = vault.rotate(alias("main"), "sk-proj-NewKey0000000000000000wXyZ"
                        .toCharArray());

                assertThat(rotated.created()).isEqualTo(added.created());
                assertThat(rotated.rotated()).isPresent();
                assertThat(rotated.maskedSecret()).isEqualTo("sk-proj-…wXyZ");
                assertThat(vault.bindings())
                        .containsExactly(new Binding("night-market", "openai", alias("main")));
                try (Secret secret = vault.secretFor("openai", Optional.of("night-market"))
                        .orElseThrow()) {
                    assertThat(reveal(secret)).isEqualTo("sk-proj-NewKey0000000000000000wXyZ");
                }
            }
        }

        @Test
        void rotateOfUnknownAliasIsRejected() throws Exception {
            try (Vault vault = create()) {
                assertThatThrownBy(() -> vault.rotate(alias("ghost"), OPENAI_KEY.toCharArray()))
                        .isInstanceOf(KeyEntryException.class)
                        .hasMessage("The key alias ghost is not in " + file
                                + "; 'reelgraph keys list' shows the aliases");
            }
        }

        @Test
        void removeAlsoRemovesBindings() throws Exception {
            try (Vault vault = create()) {
                vault.add("openai", alias("main"), OPENAI_KEY.toCharArray(), Optional.empty());
                vault.add("fal", alias("fal"), FAL_KEY.toCharArray(), Optional.empty());
                vault.bind("night-market", "openai", alias("main"));
                vault.bind("night-market", "fal", alias("fal"));

                List<Binding> removed = vault.remove(alias("main"));

                assertThat(removed)
                        .containsExactly(new Binding("night-market", "openai", alias("main")));
                assertThat(vault.list()).extracting(KeyInfo::alias).containsExactly(alias("fal"));
                assertThat(vault.bindings())
                        .containsExactly(new Binding("night-market", "fal", alias("fal")));
            }
        }

        @Test
        void bindingToOtherProvidersKeyIsRejected() throws Exception {
            try (Vault vault = create()) {
                vault.add("fal", alias("fal"), FAL_KEY.toCharArray(), Optional.empty());

                assertThatThrownBy(() -> vault.bind("night-market", "openai", alias("fal")))
                        .isInstanceOf(KeyEntryException.class)
                        .hasMessage("The key alias fal is a key for provider fal, not openai;"
                                + " choose a key for openai");
            }
        }

        @Test
        void bindingReplacesEarlierBinding() throws Exception {
            try (Vault vault = create()) {
                vault.add("openai", alias("main"), OPENAI_KEY.toCharArray(), Optional.empty());
                vault.add("openai", alias("spare"), OTHER_OPENAI_KEY.toCharArray(),
                        Optional.empty());

                vault.bind("night-market", "openai", alias("main"));
                vault.bind("night-market", "openai", alias("spare"));

                assertThat(vault.bindings())
                        .containsExactly(new Binding("night-market", "openai", alias("spare")));
            }
        }

        @Test
        void scopedKeyCannotBeBoundToOtherProject() throws Exception {
            try (Vault vault = create()) {
                vault.add("openai", alias("client"), OPENAI_KEY.toCharArray(),
                        Optional.of("client-film"));

                assertThatThrownBy(() -> vault.bind("night-market", "openai", alias("client")))
                        .isInstanceOf(KeyEntryException.class)
                        .hasMessage("The key alias client is scoped to project client-film, so"
                                + " project night-market cannot use it");
            }
        }

        @Test
        void invalidSecretIsRejected() throws Exception {
            try (Vault vault = create()) {
                assertThatThrownBy(() -> vault.add("openai", alias("main"), new char[0],
                        Optional.empty())).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> vault.add("openai", alias("main"),
                        "sk-abc def".toCharArray(), Optional.empty()))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageNotContaining("sk-abc");
                assertThat(vault.list()).isEmpty();
            }
        }

        @Test
        void nonAsciiSecretRoundTrips() throws Exception {
            String secret = "ключ-😀-0123456789abcdef";
            try (Vault vault = create()) {
                vault.add("openai", alias("odd"), secret.toCharArray(), Optional.empty());
            }

            try (Vault vault = open();
                    Secret read = vault.secretFor("openai", Optional.empty()).orElseThrow()) {
                assertThat(reveal(read)).isEqualTo(secret);
            }
        }

        @Test
        void invalidAliasIsRejected() {
            assertThatThrownBy(() -> KeyAlias.of("-bad alias"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Invalid key alias '-bad alias': use 1 to 64 letters, digits,"
                            + " '.', '_' or '-', starting with a letter or digit");
        }
    }

    @Nested
    class Lookup {

        @Test
        void boundAliasWinsForItsProject() throws Exception {
            try (Vault vault = create()) {
                vault.add("openai", alias("main"), OPENAI_KEY.toCharArray(), Optional.empty());
                vault.add("openai", alias("spare"), OTHER_OPENAI_KEY.toCharArray(),
                        Optional.empty());
                vault.bind("night-market", "openai", alias("spare"));

                assertThat(vault.aliasFor("openai", Optional.of("night-market")))
                        .contains(alias("spare"));
                try (Secret secret = vault.secretFor("openai", Optional.of("night-market"))
                        .orElseThrow()) {
                    assertThat(reveal(secret)).isEqualTo(OTHER_OPENAI_KEY);
                }
            }
        }

        @Test
        void onlyAliasOfProviderIsUsed() throws Exception {
            try (Vault vault = create()) {
                vault.add("openai", alias("main"), OPENAI_KEY.toCharArray(), Optional.empty());

                assertThat(vault.aliasFor("openai", Optional.of("any-project")))
                        .contains(alias("main"));
                assertThat(vault.aliasFor("openai", Optional.empty())).contains(alias("main"));
                assertThat(vault.aliasFor("fal", Optional.empty())).isEmpty();
            }
        }

        @Test
        void twoUnboundAliasesGiveNothing() throws Exception {
            try (Vault vault = create()) {
                vault.add("openai", alias("main"), OPENAI_KEY.toCharArray(), Optional.empty());
                vault.add("openai", alias("spare"), OTHER_OPENAI_KEY.toCharArray(),
                        Optional.empty());

                assertThat(vault.secretFor("openai", Optional.of("night-market"))).isEmpty();
                assertThat(vault.secretFor("openai", Optional.empty())).isEmpty();
            }
        }

        @Test
        void scopedKeyServesOnlyItsProject() throws Exception {
            try (Vault vault = create()) {
                vault.add("openai", alias("client"), OPENAI_KEY.toCharArray(),
                        Optional.of("client-film"));

                assertThat(vault.aliasFor("openai", Optional.of("client-film")))
                        .contains(alias("client"));
                assertThat(vault.aliasFor("openai", Optional.of("night-market"))).isEmpty();
                assertThat(vault.aliasFor("openai", Optional.empty())).isEmpty();
            }
        }

        @Test
        void secretForRecordsLastUse() throws Exception {
            try (Vault vault = create()) {
                vault.add("openai", alias("main"), OPENAI_KEY.toCharArray(), Optional.empty());

                vault.secretFor("openai", Optional.empty()).orElseThrow().close();
            }

            try (Vault vault = open()) {
                assertThat(vault.list().get(0).lastUsed()).isPresent();
            }
        }
    }

    @Nested
    class ByAlias {

        @Test
        void secretByAliasLeavesLastUseUnset() throws Exception {
            try (Vault vault = create()) {
                vault.add("openai", alias("main"), OPENAI_KEY.toCharArray(), Optional.empty());

                try (Secret secret = vault.secret(alias("main"))) {
                    assertThat(reveal(secret)).isEqualTo(OPENAI_KEY);
                }

                assertThat(vault.find(alias("main")).orElseThrow().lastUsed()).isEmpty();
            }
        }

        @Test
        void recordUseSetsLastUse() throws Exception {
            try (Vault vault = create()) {
                vault.add("openai", alias("main"), OPENAI_KEY.toCharArray(), Optional.empty());

                KeyInfo used = vault.recordUse(alias("main"));

                assertThat(used.lastUsed()).isPresent();
                assertThat(vault.find(alias("main")).orElseThrow().lastUsed())
                        .isEqualTo(used.lastUsed());
            }
        }

        @Test
        void unknownAliasIsNotFound() throws Exception {
            try (Vault vault = create()) {
                assertThat(vault.find(alias("missing"))).isEmpty();
                assertThatThrownBy(() -> vault.secret(alias("missing")))
                        .isInstanceOf(KeyEntryException.class)
                        .hasMessageContaining("The key alias missing is not in ");
                assertThatThrownBy(() -> vault.recordUse(alias("missing")))
                        .isInstanceOf(KeyEntryException.class);
            }
        }
    }

    @Nested
    class Processes {

        @Test
        void twoProcessesAddingAtOnceBothLand() throws Exception {
            create().close();

            Process first = child("add", file.toString(), PASSPHRASE, "a", "4");
            Process second = child("add", file.toString(), PASSPHRASE, "b", "4");
            assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).as(output(first)).isZero();
            assertThat(second.exitValue()).as(output(second)).isZero();

            try (Vault vault = open()) {
                assertThat(vault.list()).extracting(info -> info.alias().name())
                        .containsExactly("a-0", "a-1", "a-2", "a-3", "b-0", "b-1", "b-2", "b-3");
            }
        }

        @Test
        void lockHeldByOtherProcessTimesOut() throws Exception {
            try (Vault vault = create()) {
                byte[] before = Files.readAllBytes(file);
                Process holder = child("hold-lock", file.toString());
                try {
                    BufferedReader reader = new BufferedReader(
                            new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
                    assertThat(reader.readLine()).isEqualTo("locked");
                    vault.lockTimeout(Duration.ofMillis(200));

                    assertThatThrownBy(() -> vault.add("openai", alias("main"),
                            OPENAI_KEY.toCharArray(), Optional.empty()))
                            .isInstanceOf(VaultLockedException.class)
                            .hasMessage(file + ": the key vault is locked by another process (lock"
                                    + " file " + file + ".lock); timed out after 200 ms. Wait for"
                                    + " the other Reelgraph command to finish and try again.");
                    assertThat(Files.readAllBytes(file)).isEqualTo(before);
                } finally {
                    holder.getOutputStream().close();
                    holder.waitFor(30, TimeUnit.SECONDS);
                }

                vault.add("openai", alias("main"), OPENAI_KEY.toCharArray(), Optional.empty());
                assertThat(vault.list()).hasSize(1);
            }
        }

        private Process child(String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    VaultChild.class.getName()));
            command.addAll(List.of(args));
            return new ProcessBuilder(command)
                    .redirectError(folder.resolve("child-" + args[0] + "-" + System.nanoTime()
                            + ".err").toFile())
                    .start();
        }

        private String output(Process process) {
            return "child exit code " + process.exitValue();
        }
    }
}

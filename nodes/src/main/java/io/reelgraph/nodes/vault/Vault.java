package io.reelgraph.nodes.vault;

import io.reelgraph.engine.file.AtomicFiles;
import io.reelgraph.nodes.provider.keys.Secret;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key vault: provider keys under aliases, and project bindings, in one encrypted file.
 *
 * <p>Every change is a read-modify-write under an exclusive lock on a sidecar lock file, so two
 * processes changing the vault at once both land. Each write uses a new salt and nonce and
 * replaces the file atomically, so a failed write leaves the old file. Every read checks the
 * whole file before anything is returned or written.
 *
 * <p>The passphrase array given to {@link #create} or {@link #open} is wiped before they return.
 * The vault keeps a UTF-8 copy until {@link #close()}, because each write derives a new key for
 * its new salt and each read after another process's write needs the key for that salt.
 *
 * <p>A vault object is safe for use by several threads.
 */
public final class Vault implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Vault.class);

    /** Vault files are a few KiB; a much larger file is not a vault and is not read into memory. */
    private static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
    /** A lookup within this time of the recorded last use does not rewrite the file. */
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
    private static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A change made under the lock; it sets {@link Session#changed} when the file needs writing. */
    private interface Change<T> {
        T apply(Session session) throws VaultException;
    }

    /** The decrypted contents of one read-modify-write. */
    private static final class Session {
        final VaultContents contents;
        boolean changed;

        Session(VaultContents contents) {
            this.contents = contents;
        }
    }

    private final Path file;
    private final byte[] passphrase;
    private KdfParameters kdf;
    private DerivedKey key;
    private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
    private boolean closed;

    private Vault(Path file, byte[] passphrase, KdfParameters kdf) {
        this.file = file;
        this.passphrase = passphrase;
        this.kdf = kdf;
    }

    /** Creates a new, empty vault with the default Argon2id parameters. */
    public static Vault create(Path file, char[] passphrase) throws VaultException {
        return create(file, passphrase, KdfParameters.DEFAULT);
    }

    /**
     * Creates a new, empty vault, readable by its owner only where the file system has POSIX
     * permissions. Wipes the passphrase array before returning.
     *
     * @throws VaultException when the file already exists or cannot be written
     * @throws IllegalArgumentException when the passphrase is empty
     */
    public static Vault create(Path file, char[] passphrase, KdfParameters kdf)
            throws VaultException {
        Path target = file.toAbsolutePath().normalize();
        Vault vault = new Vault(target, utf8Passphrase(passphrase), kdf);
        try {
            vault.createFile();
            LOG.info("Created key vault {}", target);
            return vault;
        } catch (VaultException | RuntimeException e) {
            vault.close();
            throw e;
        }
    }

    /**
     * Opens a vault and checks the passphrase against it. Wipes the passphrase array before
     * returning.
     *
     * @throws WrongPassphraseException when the passphrase does not open the vault
     * @throws DamagedVaultException when the file is not an intact vault
     * @throws VaultException when the file does not exist or cannot be read
     */
    public static Vault open(Path file, char[] passphrase) throws VaultException {
        Path target = file.toAbsolutePath().normalize();
        Vault vault = new Vault(target, utf8Passphrase(passphrase), KdfParameters.DEFAULT);
        try {
            vault.read().wipe();
            return vault;
        } catch (VaultException | RuntimeException e) {
            vault.close();
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    /**
     * Adds a key under a new alias. Wipes the secret array before returning, also on failure.
     *
     * @param projectScope the only project that may use the key, or empty for every project
     * @throws KeyEntryException when the alias is already in the vault
     * @throws IllegalArgumentException when the secret is empty or contains control characters
     */
    public KeyInfo add(String provider, KeyAlias alias, char[] secret,
            Optional<String> projectScope) throws VaultException {
        try {
            requireName(provider, "provider");
            projectScope.ifPresent(project -> requireName(project, "project"));
            checkSecret(secret);
            return update(session -> {
                VaultContents contents = session.contents;
                if (contents.find(alias).isPresent()) {
                    throw new KeyEntryException(file, "The key alias " + alias + " is already in"
                            + " " + file + "; rotate it, or choose another alias");
                }
                StoredKey key = new StoredKey(alias, provider, secret.clone(), now(),
                        Optional.empty(), Optional.empty(), projectScope);
                contents.keys.add(key);
                session.changed = true;
                LOG.info("Added key alias {} for provider {} to {}", alias, provider, file);
                return key.info();
            });
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /** Lists the entries without their secrets, ordered by alias. */
    public List<KeyInfo> list() throws VaultException {
        VaultContents contents = read();
        try {
            return contents.keys.stream()
                    .sorted(Comparator.comparing(key -> key.alias))
                    .map(StoredKey::info)
                    .toList();
        } finally {
            contents.wipe();
        }
    }

    /** Lists the bindings, ordered by project and provider. */
    public List<Binding> bindings() throws VaultException {
        VaultContents contents = read();
        contents.wipe();
        return contents.bindings.stream()
                .sorted(Comparator.comparing(Binding::project).thenComparing(Binding::provider))
                .toList();
    }

    /**
     * Replaces the secret behind an alias, keeping its created time and its bindings, and sets
     * its rotated time. Wipes the new secret array before returning, also on failure.
     *
     * @throws KeyEntryException when the alias is not in the vault
     */
    public KeyInfo rotate(KeyAlias alias, char[] newSecret) throws VaultException {
        try {
            checkSecret(newSecret);
            return update(session -> {
                StoredKey key = existing(session.contents, alias);
                key.replaceSecret(newSecret.clone());
                key.rotated = Optional.of(now());
                session.changed = true;
                LOG.info("Rotated key alias {} in {}", alias, file);
                return key.info();
            });
        } finally {
            Arrays.fill(newSecret, '\0');
        }
    }

    /**
     * Removes a key and every binding to it.
     *
     * @return the bindings that were removed with it
     * @throws KeyEntryException when the alias is not in the vault
     */
    public List<Binding> remove(KeyAlias alias) throws VaultException {
        return update(session -> {
            VaultContents contents = session.contents;
            StoredKey key = existing(contents, alias);
            key.wipe();
            contents.keys.remove(key);
            List<Binding> removed = contents.bindings.stream()
                    .filter(binding -> binding.alias().equals(alias))
                    .toList();
            contents.bindings.removeAll(removed);
            session.changed = true;
            LOG.info("Removed key alias {} and {} bindings from {}", alias, removed.size(), file);
            return removed;
        });
    }

    /**
     * Makes a project use the key under an alias for a provider, replacing the project's
     * earlier binding for that provider.
     *
     * @throws KeyEntryException when the alias is not in the vault, belongs to another provider,
     *     or is scoped to another project
     */
    public void bind(String project, String provider, KeyAlias alias) throws VaultException {
        requireName(project, "project");
        requireName(provider, "provider");
        update(session -> {
            VaultContents contents = session.contents;
            StoredKey key = existing(contents, alias);
            if (!key.provider.equals(provider)) {
                throw new KeyEntryException(file, "The key alias " + alias + " is a key for"
                        + " provider " + key.provider + ", not " + provider + "; choose a key for "
                        + provider);
            }
            if (!key.usableBy(Optional.of(project))) {
                throw new KeyEntryException(file, "The key alias " + alias + " is scoped to project "
                        + key.projectScope.orElseThrow() + ", so project " + project
                        + " cannot use it");
            }
            contents.bindings.removeIf(binding -> binding.project().equals(project)
                    && binding.provider().equals(provider));
            contents.bindings.add(new Binding(project, provider, alias));
            session.changed = true;
            LOG.info("Bound project {} to key alias {} for provider {}", project, alias, provider);
            return null;
        });
    }

    /**
     * Returns the alias a call for the provider would use: the alias bound for the project, else
     * the only key of the provider that the project may use, else empty. Changes nothing.
     */
    public Optional<KeyAlias> aliasFor(String provider, Optional<String> project)
            throws VaultException {
        VaultContents contents = read();
        try {
            return select(contents, provider, project).map(key -> key.alias);
        } finally {
            contents.wipe();
        }
    }

    /**
     * Returns the secret a call for the provider should use, chosen as {@link #aliasFor} does,
     * and records its last use. The last use is recorded to the minute: a lookup within a minute
     * of the recorded time does not rewrite the vault. Close the returned secret when done.
     */
    public Optional<Secret> secretFor(String provider, Optional<String> project)
            throws VaultException {
        return update(session -> {
            Optional<StoredKey> selected = select(session.contents, provider, project);
            if (selected.isEmpty()) {
                return Optional.empty();
            }
            StoredKey key = selected.get();
            markUsed(session, key);
            return Optional.of(new Secret(key.secret));
        });
    }

    /** Returns the entry under an alias, without its secret, or empty when there is none. */
    public Optional<KeyInfo> find(KeyAlias alias) throws VaultException {
        VaultContents contents = read();
        try {
            return contents.find(alias).map(StoredKey::info);
        } finally {
            contents.wipe();
        }
    }

    /**
     * Returns the secret stored under an alias, without recording a use, such as for checking
     * the key with its provider. Close the returned secret when done.
     *
     * @throws KeyEntryException when the alias is not in the vault
     */
    public Secret secret(KeyAlias alias) throws VaultException {
        VaultContents contents = read();
        try {
            return new Secret(existing(contents, alias).secret);
        } finally {
            contents.wipe();
        }
    }

    /**
     * Records that the key under an alias was used now, to the minute like {@link #secretFor}.
     *
     * @throws KeyEntryException when the alias is not in the vault
     */
    public KeyInfo recordUse(KeyAlias alias) throws VaultException {
        return update(session -> {
            StoredKey key = existing(session.contents, alias);
            markUsed(session, key);
            return key.info();
        });
    }

    /** Sets the last use of a key, unless the recorded one is within the precision. */
    private static void markUsed(Session session, StoredKey key) {
        Instant now = now();
        boolean recent = key.lastUsed
                .map(last -> last.plus(LAST_USED_PRECISION).isAfter(now))
                .orElse(false);
        if (!recent) {
            key.lastUsed = Optional.of(now);
            session.changed = true;
        }
    }

    /** Wipes the passphrase copy and the derived key; later calls fail. */
    @Override
    public synchronized void close() {
        Arrays.fill(passphrase, (byte) 0);
        if (key != null) {
            key.wipe();
            key = null;
        }
        closed = true;
    }

    @Override
    public String toString() {
        return "Vault[" + file + "]";
    }

    /** Sets how long a change waits for another process's lock; for tests. */
    synchronized void lockTimeout(Duration timeout) {
        this.lockTimeout = timeout;
    }

    /** Returns whether the vault's passphrase copy is all zeros; for tests. */
    synchronized boolean passphraseWiped() {
        for (byte b : passphrase) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static Optional<StoredKey> select(VaultContents contents, String provider,
            Optional<String> project) {
        if (project.isPresent()) {
            Optional<StoredKey> bound = contents.bindings.stream()
                    .filter(binding -> binding.project().equals(project.get())
                            && binding.provider().equals(provider))
                    .findFirst()
                    .flatMap(binding -> contents.find(binding.alias()));
            if (bound.isPresent()) {
                return bound;
            }
        }
        List<StoredKey> candidates = contents.keys.stream()
                .filter(key -> key.provider.equals(provider) && key.usableBy(project))
                .toList();
        return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
    }

    private StoredKey existing(VaultContents contents, KeyAlias alias) throws KeyEntryException {
        return contents.find(alias).orElseThrow(() -> new KeyEntryException(file,
                "The key alias " + alias + " is not in " + file + "; 'reelgraph keys list' shows"
                        + " the aliases"));
    }

    private synchronized <T> T update(Change<T> change) throws VaultException {
        ensureOpen();
        try (VaultLock lock = VaultLock.acquire(file, lockTimeout)) {
            Session session = new Session(read());
            try {
                T result = change.apply(session);
                if (session.changed) {
                    write(session.contents);
                }
                return result;
            } finally {
                session.contents.wipe();
            }
        } catch (IOException e) {
            throw new VaultException(file, file + ": failed to release the vault lock: "
                    + e.getMessage(), e);
        }
    }

    private void createFile() throws VaultException {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new VaultException(file, file.getParent() + ": failed to create the folder for"
                    + " the key vault: " + e.getMessage(), e);
        }
        try (VaultLock lock = VaultLock.acquire(file, lockTimeout)) {
            createPrivateFile();
            try {
                write(new VaultContents());
            } catch (VaultException | RuntimeException e) {
                deleteEmpty(e);
                throw e;
            }
        } catch (IOException e) {
            throw new VaultException(file, file + ": failed to release the vault lock: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Creates the empty vault file first, with owner-only permissions, because the atomic
     * replace keeps the permissions of the file it replaces.
     */
    private void createPrivateFile() throws VaultException {
        try {
            if (Files.getFileStore(file.getParent()).supportsFileAttributeView("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            throw new VaultException(file, file + ": a key vault already exists; open it, or"
                    + " move it away to start a new vault", e);
        } catch (IOException e) {
            throw new VaultException(file, file + ": failed to create the key vault: "
                    + e.getMessage(), e);
        }
    }

    private void deleteEmpty(Exception failure) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Reads, checks and decrypts the whole file; the caller wipes the result. */
    private synchronized VaultContents read() throws VaultException {
        ensureOpen();
        byte[] content = readBytes();
        VaultFile.Header header = VaultFile.parseHeader(file, content);
        DerivedKey derived = keyFor(header);
        if (!VaultFile.checkMatches(header, derived)) {
            throw new WrongPassphraseException(file);
        }
        byte[] payload = VaultFile.decrypt(file, content, header, derived);
        try {
            return VaultContents.decode(payload);
        } catch (IllegalArgumentException e) {
            throw new DamagedVaultException(file, "the decrypted entries are malformed: "
                    + e.getMessage(), e);
        } finally {
            Arrays.fill(payload, (byte) 0);
        }
    }

    private byte[] readBytes() throws VaultException {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new DamagedVaultException(file, "the file has " + size + " bytes, more than"
                        + " a vault can have");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new VaultException(file, file + ": no key vault found; add a key to create"
                    + " one", e);
        } catch (IOException e) {
            throw new VaultException(file, file + ": failed to read the key vault: "
                    + e.getMessage(), e);
        }
    }

    /** Returns the key for the header's salt, deriving it only when the salt changed. */
    private DerivedKey keyFor(VaultFile.Header header) {
        if (key == null || !key.derivedFor(header.kdf(), header.salt())) {
            DerivedKey derived = DerivedKey.derive(passphrase, header.kdf(), header.salt());
            if (key != null) {
                key.wipe();
            }
            key = derived;
            kdf = header.kdf();
        }
        return key;
    }

    private void write(VaultContents contents) throws VaultException {
        byte[] salt = randomBytes(VaultFile.SALT_LENGTH);
        byte[] nonce = randomBytes(VaultFile.NONCE_LENGTH);
        DerivedKey derived = DerivedKey.derive(passphrase, kdf, salt);
        byte[] payload = contents.encode();
        byte[] content;
        try {
            content = VaultFile.encrypt(payload, kdf, salt, nonce, derived);
        } finally {
            Arrays.fill(payload, (byte) 0);
        }
        try {
            AtomicFiles.write(file, content);
        } catch (IOException e) {
            derived.wipe();
            throw new VaultException(file, file + ": failed to write the key vault; the old"
                    + " file was kept: " + e.getMessage(), e);
        }
        if (key != null) {
            key.wipe();
        }
        key = derived;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The vault " + file + " was closed");
        }
    }

    private static byte[] utf8Passphrase(char[] passphrase) {
        try {
            if (passphrase.length == 0) {
                throw new IllegalArgumentException("The passphrase is empty; enter at least one"
                        + " character");
            }
            return VaultContents.utf8(passphrase);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private static void checkSecret(char[] secret) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("The key is empty; paste the provider's API key");
        }
        for (char c : secret) {
            if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                throw new IllegalArgumentException("The key contains a space or a control"
                        + " character; paste the key alone, without quotes or line breaks");
            }
        }
        if (VaultContents.hasUnpairedSurrogate(secret)) {
            throw new IllegalArgumentException("The key contains an unpaired surrogate character");
        }
    }

    private static void requireName(String name, String kind) {
        Objects.requireNonNull(name, kind);
        if (name.isBlank()) {
            throw new IllegalArgumentException("The " + kind + " name is blank");
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}

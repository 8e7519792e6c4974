package io.reelgraph.app;

import io.reelgraph.engine.cache.H2ResultCache;
import io.reelgraph.engine.cache.ResultCache;
import io.reelgraph.engine.journal.H2JobJournal;
import io.reelgraph.engine.journal.JobJournal;
import io.reelgraph.engine.money.H2Budget;
import io.reelgraph.engine.money.SpendGuard;
import io.reelgraph.engine.run.Engine;
import io.reelgraph.engine.type.NodeTypeRegistry;
import io.reelgraph.nodes.catalog.CatalogException;
import io.reelgraph.nodes.catalog.ModelCatalog;
import io.reelgraph.nodes.provider.Providers;
import io.reelgraph.nodes.provider.keys.EnvironmentKeyLookup;
import io.reelgraph.nodes.provider.keys.KeyLookup;
import io.reelgraph.nodes.provider.keys.ProviderKey;
import io.reelgraph.nodes.vault.Vault;
import io.reelgraph.nodes.vault.VaultException;
import io.reelgraph.nodes.vault.VaultKeyLookup;
import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import io.reelgraph.nodes.types.StandardNodeTypes;

/**
 * Everything a command needs besides the graph: the model catalog, the providers, the node
 * types and, once opened, the result cache under the home folder.
 */
public final class Workspace implements AutoCloseable {

    private final ModelCatalog catalog;
    private final KeyLookup keys;
    private final Providers providers;
    private final NodeTypeRegistry types;
    private final Map<String, String> environment;
    private final PassphraseSource passphrases;
    private ResultCache cache;
    private Vault vault;
    private KeyLookup vaultKeys;

    private Workspace(ModelCatalog catalog, KeyLookup keys, Providers providers,
            Map<String, String> environment, PassphraseSource passphrases) {
        this.catalog = catalog;
        this.environment = Map.copyOf(environment);
        this.keys = keys;
        this.providers = providers;
        this.passphrases = passphrases;
        this.types = StandardNodeTypes.registry(catalog, providers);
    }

    /**
     * The source of the vault passphrase: the {@value #PASSPHRASE_VARIABLE} variable, else the
     * terminal without echo. Tests replace it, because Java cannot set environment variables or
     * fake a terminal.
     */
    public interface PassphraseSource {

        /** Returns an environment variable, empty when it is unset or blank. */
        Optional<String> environment(String name);

        /** Returns whether a terminal is attached, so that input can be read without echo. */
        boolean hasTerminal();

        /**
         * Reads one line without echo from the terminal. The caller wipes the returned array.
         *
         * @throws IOException when no terminal is attached or reading fails
         */
        char[] readHidden(String prompt) throws IOException;

        /** Returns the source of this process: its environment and {@link System#console()}. */
        static PassphraseSource system() {
            return new PassphraseSource() {
                @Override
                public Optional<String> environment(String name) {
                    return Optional.ofNullable(System.getenv(name))
                            .filter(value -> !value.isBlank());
                }

                @Override
                public boolean hasTerminal() {
                    return System.console() != null;
                }

                @Override
                public char[] readHidden(String prompt) throws IOException {
                    Console console = System.console();
                    if (console == null) {
                        throw new IOException("no terminal is attached");
                    }
                    char[] line = console.readPassword("%s", prompt);
                    if (line == null) {
                        throw new IOException("the terminal input was closed");
                    }
                    return line;
                }
            };
        }
    }

    /** Returns a passphrase source that reads {@code environment} and has no terminal. */
    private static PassphraseSource environmentOnly(Map<String, String> environment) {
        Map<String, String> copy = Map.copyOf(environment);
        return new PassphraseSource() {
            @Override
            public Optional<String> environment(String name) {
                return Optional.ofNullable(copy.get(name)).filter(value -> !value.isBlank());
            }

            @Override
            public boolean hasTerminal() {
                return false;
            }

            @Override
            public char[] readHidden(String prompt) throws IOException {
                throw new IOException("no terminal is attached");
            }
        };
    }

    /** The environment variable that contains the vault passphrase, for scripts and CI. */
    public static final String PASSPHRASE_VARIABLE = "REELGRAPH_PASSPHRASE";

    /**
     * Loads the bundled catalog, the provider adapters and the standard node types, with the
     * vault passphrase from this process's environment or terminal.
     */
    public static Workspace standard() {
        return standard(System.getenv(), PassphraseSource.system());
    }

    /**
     * Loads the bundled catalog, the provider adapters and the standard node types, with the
     * vault passphrase from the given source.
     */
    public static Workspace standard(PassphraseSource passphrases) {
        return standard(System.getenv(), passphrases);
    }

    /**
     * Loads the workspace as {@link #standard()} does, with {@code environment} in place of the
     * process's environment variables and no terminal, so that a test can point providers at
     * local fake servers.
     */
    public static Workspace standard(Map<String, String> environment) {
        return standard(environment, environmentOnly(environment));
    }

    /**
     * Loads the bundled catalog, the provider adapters and the standard node types, with keys
     * and base URL overrides from {@code environment} and the vault passphrase from
     * {@code passphrases}.
     */
    public static Workspace standard(Map<String, String> environment,
            PassphraseSource passphrases) {
        ModelCatalog catalog;
        try {
            catalog = ModelCatalog.load();
        } catch (CatalogException e) {
            throw new IllegalStateException("The bundled model catalog is invalid, so this build"
                    + " of Reelgraph is broken: " + e.getMessage(), e);
        }
        // Keys come from the vault, else from environment variables. Base URL overrides
        // (REELGRAPH_<PROVIDER>_BASE_URL) come from the environment too, never from a graph.
        KeyLookup environmentKeys = new EnvironmentKeyLookup(catalog, environment);
        Workspace[] created = new Workspace[1];
        // Providers ask for a key only when they call out, so the vault opens on first use.
        KeyLookup keys = provider -> created[0].keys().find(provider);
        created[0] = new Workspace(catalog, environmentKeys,
                Providers.standard(catalog, keys, environment), environment, passphrases);
        return created[0];
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    /** Returns the environment variables this workspace reads keys and base URLs from. */
    public Map<String, String> environment() {
        return environment;
    }

    /**
     * Returns the key lookup: the vault in the home folder when it exists, with environment
     * variables as the fallback, else the environment variables alone. The vault opens on the
     * first call, with the passphrase from {@value #PASSPHRASE_VARIABLE} or, when that is unset,
     * typed in the terminal without echo.
     *
     * @throws IllegalStateException when the vault exists but cannot be opened, such as for a
     *     wrong passphrase or when there is neither the variable nor a terminal. The message
     *     gives the reason and what to do, without key material.
     */
    public synchronized KeyLookup keys() {
        if (vaultKeys != null) {
            return vaultKeys;
        }
        Path file = Home.vaultFile();
        if (!Files.isRegularFile(file)) {
            return keys;
        }
        try {
            vault = Vault.open(file, passphrase(file));
        } catch (VaultException e) {
            throw new IllegalStateException("The key vault " + file + " could not be opened: "
                    + e.getMessage(), e);
        }
        vaultKeys = new VaultKeyLookup(vault, Optional.empty(), keys);
        return vaultKeys;
    }

    /** Reads the passphrase; {@link Vault#open} wipes the returned array. */
    private char[] passphrase(Path file) {
        Optional<String> fromEnvironment = passphrases.environment(PASSPHRASE_VARIABLE);
        if (fromEnvironment.isPresent()) {
            // NOTE: an environment variable is a String, so this copy of the passphrase stays in
            // memory until the process ends.
            return fromEnvironment.get().toCharArray();
        }
        if (!passphrases.hasTerminal()) {
            throw new IllegalStateException("The key vault " + file + " is locked: set "
                    + PASSPHRASE_VARIABLE + " to its passphrase, or run the command in a"
                    + " terminal to type it.");
        }
        try {
            return passphrases.readHidden("Vault passphrase for " + file + ": ");
        } catch (IOException e) {
            throw new IllegalStateException("Failed to read the passphrase of the key vault "
                    + file + " from the terminal: " + e.getMessage() + "; set "
                    + PASSPHRASE_VARIABLE + " instead.", e);
        }
    }

    /**
     * Returns the alias of the key a provider's calls use, for the spend ledger; empty when no
     * key is found. Opens the vault on the first call, as {@link #keys} does.
     */
    public Optional<String> keyAlias(String provider) {
        return keys().find(provider).map(ProviderKey::alias);
    }

    /** Returns an engine on the result cache, with the job journal in the same database. */
    public Engine engine() {
        return engine(Optional.empty());
    }

    /**
     * Returns an engine on the result cache, with the job journal in the same database and,
     * when given, a spend guard that reserves every paid call before it is sent.
     */
    public Engine engine(Optional<SpendGuard> guard) {
        ResultCache opened = cache();
        if (opened instanceof H2ResultCache h2) {
            return new Engine(types, opened, Optional.of(new H2JobJournal(h2.dataSource())),
                    guard);
        }
        return new Engine(types, opened, Optional.empty(), guard);
    }

    /** Returns the budget caps and the spend ledger, in the result cache database. */
    public H2Budget budget() {
        if (cache() instanceof H2ResultCache h2) {
            return new H2Budget(h2.dataSource());
        }
        throw new IllegalStateException("The result cache is not an H2 database, so it has no"
                + " budget caps or spend ledger");
    }

    /** Returns the job journal in the cache database, for commands that inspect it. */
    public JobJournal journal() {
        ResultCache opened = cache();
        if (!(opened instanceof H2ResultCache h2)) {
            throw new IllegalStateException("The result cache keeps no job journal");
        }
        return new H2JobJournal(h2.dataSource());
    }

    public Providers providers() {
        return providers;
    }

    public NodeTypeRegistry types() {
        return types;
    }

    /** Opens the result cache under the home folder on first use, from any thread. */
    public synchronized ResultCache cache() {
        if (cache == null) {
            cache = H2ResultCache.open(Home.cacheFolder());
        }
        return cache;
    }

    @Override
    public void close() {
        if (vault != null) {
            vault.close();
        }
        if (cache != null) {
            cache.close();
        }
    }
}

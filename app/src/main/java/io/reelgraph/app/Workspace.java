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
import io.reelgraph.nodes.vault.Vault;
import io.reelgraph.nodes.vault.VaultException;
import io.reelgraph.nodes.vault.VaultKeyLookup;
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
    private ResultCache cache;
    private Vault vault;
    private KeyLookup vaultKeys;

    private Workspace(ModelCatalog catalog, KeyLookup keys, Providers providers,
            Map<String, String> environment) {
        this.catalog = catalog;
        this.environment = Map.copyOf(environment);
        this.keys = keys;
        this.providers = providers;
        this.types = StandardNodeTypes.registry(catalog, providers);
    }

    /** Loads the bundled catalog, the provider adapters and the standard node types. */
    public static Workspace standard() {
        return standard(System.getenv());
    }

    /**
     * Loads the workspace as {@link #standard()} does, with {@code environment} in place of the
     * process's environment variables, so that a test can point providers at local fake servers.
     */
    public static Workspace standard(Map<String, String> environment) {
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
                Providers.standard(catalog, keys, environment), environment);
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
     * Returns the key lookup: the vault in the home folder when it exists and
     * {@code REELGRAPH_PASSPHRASE} unlocks it, with environment variables as the fallback.
     *
     * @throws IllegalStateException when the vault exists but cannot be opened; the message
     *     gives the reason, without key material
     */
    public synchronized KeyLookup keys() {
        if (vaultKeys != null) {
            return vaultKeys;
        }
        Path file = Home.vaultFile();
        String passphrase = environment.get("REELGRAPH_PASSPHRASE");
        if (!Files.isRegularFile(file) || passphrase == null || passphrase.isEmpty()) {
            // NOTE: runs do not ask for the passphrase in a terminal yet. Only the variable
            // unlocks the vault for a run; without it, keys come from the environment.
            return keys;
        }
        try {
            vault = Vault.open(file, passphrase.toCharArray());
        } catch (VaultException e) {
            throw new IllegalStateException("The key vault " + file + " could not be opened: "
                    + e.getMessage(), e);
        }
        vaultKeys = new VaultKeyLookup(vault, Optional.empty(), keys);
        return vaultKeys;
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

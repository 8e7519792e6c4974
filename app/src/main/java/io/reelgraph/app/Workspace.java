package io.reelgraph.app;

import io.reelgraph.engine.cache.H2ResultCache;
import io.reelgraph.engine.cache.ResultCache;
import io.reelgraph.engine.journal.H2JobJournal;
import io.reelgraph.engine.run.Engine;
import io.reelgraph.engine.type.NodeTypeRegistry;
import io.reelgraph.nodes.catalog.CatalogException;
import io.reelgraph.nodes.catalog.ModelCatalog;
import io.reelgraph.nodes.provider.Providers;
import io.reelgraph.nodes.provider.keys.EnvironmentKeyLookup;
import io.reelgraph.nodes.provider.keys.KeyLookup;
import java.util.Map;
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
    private ResultCache cache;

    private Workspace(ModelCatalog catalog, KeyLookup keys, Providers providers) {
        this.catalog = catalog;
        this.keys = keys;
        this.providers = providers;
        this.types = StandardNodeTypes.registry(catalog, providers);
    }

    /** Loads the bundled catalog and the standard node types with the built-in providers. */
    public static Workspace standard() {
        ModelCatalog catalog;
        try {
            catalog = ModelCatalog.load();
        } catch (CatalogException e) {
            throw new IllegalStateException("The bundled model catalog is invalid, so this build"
                    + " of Reelgraph is broken: " + e.getMessage(), e);
        }
        // Keys come from environment variables until the key vault is wired in; base URL
        // overrides (REELGRAPH_<PROVIDER>_BASE_URL) come from the environment too, never from
        // a graph file.
        Map<String, String> environment = System.getenv();
        KeyLookup keys = new EnvironmentKeyLookup(catalog, environment);
        return new Workspace(catalog, keys, Providers.standard(catalog, keys, environment));
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    public KeyLookup keys() {
        return keys;
    }

    /** Returns an engine on the result cache, with the job journal in the same database. */
    public Engine engine() {
        ResultCache opened = cache();
        if (opened instanceof H2ResultCache h2) {
            return new Engine(types, opened, new H2JobJournal(h2.dataSource()));
        }
        return new Engine(types, opened);
    }

    public Providers providers() {
        return providers;
    }

    public NodeTypeRegistry types() {
        return types;
    }

    /** Opens the result cache under the home folder on first use. */
    public ResultCache cache() {
        if (cache == null) {
            cache = H2ResultCache.open(Home.cacheFolder());
        }
        return cache;
    }

    @Override
    public void close() {
        if (cache != null) {
            cache.close();
        }
    }
}

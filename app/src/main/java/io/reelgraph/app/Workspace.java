package io.reelgraph.app;

import io.reelgraph.engine.cache.H2ResultCache;
import io.reelgraph.engine.cache.ResultCache;
import io.reelgraph.engine.type.NodeTypeRegistry;
import io.reelgraph.nodes.catalog.CatalogException;
import io.reelgraph.nodes.catalog.ModelCatalog;
import io.reelgraph.nodes.provider.Providers;
import io.reelgraph.nodes.types.StandardNodeTypes;

/**
 * Everything a command needs besides the graph: the model catalog, the providers, the node
 * types and, once opened, the result cache under the home folder.
 */
public final class Workspace implements AutoCloseable {

    private final ModelCatalog catalog;
    private final Providers providers;
    private final NodeTypeRegistry types;
    private ResultCache cache;

    private Workspace(ModelCatalog catalog, Providers providers) {
        this.catalog = catalog;
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
        return new Workspace(catalog, Providers.builtIn());
    }

    public ModelCatalog catalog() {
        return catalog;
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

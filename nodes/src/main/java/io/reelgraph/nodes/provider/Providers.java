package io.reelgraph.nodes.provider;

import io.reelgraph.engine.type.NodeException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** The provider adapters a program has, by provider id. */
public final class Providers {

    private final Map<String, Provider> byId;

    private Providers(Map<String, Provider> byId) {
        this.byId = Map.copyOf(byId);
    }

    public static Providers of(Collection<? extends Provider> providers) {
        Map<String, Provider> byId = new TreeMap<>();
        for (Provider provider : providers) {
            if (byId.put(provider.id(), provider) != null) {
                throw new IllegalArgumentException("Provider " + provider.id()
                        + " is registered twice");
            }
        }
        return new Providers(byId);
    }

    /** Returns the providers that ship with Reelgraph and need no key: the draft provider. */
    public static Providers builtIn() {
        return of(java.util.List.of(new DraftProvider()));
    }

    public boolean has(String id) {
        return byId.containsKey(id);
    }

    /**
     * Returns the adapter of a provider.
     *
     * @throws NodeException naming the model when this build has no adapter for its provider
     */
    public Provider require(String id, String model) throws NodeException {
        Provider provider = byId.get(id);
        if (provider == null) {
            throw new NodeException("Model " + model + " runs on provider " + id
                    + ", which this build of Reelgraph cannot call yet; run with --draft to use"
                    + " the free draft provider instead");
        }
        return provider;
    }
}

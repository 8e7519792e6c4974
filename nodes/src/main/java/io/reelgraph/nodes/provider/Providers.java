package io.reelgraph.nodes.provider;

import io.reelgraph.engine.type.NodeException;
import io.reelgraph.nodes.catalog.ModelCatalog;
import io.reelgraph.nodes.provider.async.PollingPolicy;
import io.reelgraph.nodes.provider.elevenlabs.ElevenLabsProvider;
import io.reelgraph.nodes.provider.bfl.BflProvider;
import io.reelgraph.nodes.provider.fal.FalProvider;
import io.reelgraph.nodes.provider.google.GoogleErrors;
import io.reelgraph.nodes.provider.google.GoogleProvider;
import io.reelgraph.nodes.provider.http.HttpSettings;
import io.reelgraph.nodes.provider.http.ProviderClient;
import io.reelgraph.nodes.provider.http.ProviderEndpoints;
import io.reelgraph.nodes.provider.http.Sleeper;
import io.reelgraph.nodes.provider.http.StandardErrors;
import io.reelgraph.nodes.provider.luma.LumaErrors;
import io.reelgraph.nodes.provider.luma.LumaProvider;
import io.reelgraph.nodes.provider.keys.KeyLookup;
import io.reelgraph.nodes.provider.openai.OpenAiProvider;
import io.reelgraph.nodes.provider.replicate.ReplicateErrors;
import io.reelgraph.nodes.provider.replicate.ReplicateProvider;
import io.reelgraph.nodes.provider.runway.RunwayErrors;
import io.reelgraph.nodes.provider.runway.RunwayProvider;
import io.reelgraph.nodes.provider.stability.StabilityErrors;
import io.reelgraph.nodes.provider.stability.StabilityProvider;
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

    /**
     * Returns the draft provider plus every adapter this build has for a provider in the
     * catalog, with keys from {@code keys}. Base URLs come from the catalog unless
     * {@code REELGRAPH_<PROVIDER>_BASE_URL} is set in {@code environment}.
     */
    public static Providers standard(ModelCatalog catalog, KeyLookup keys,
            Map<String, String> environment) {
        java.util.List<Provider> providers = new java.util.ArrayList<>();
        providers.add(new DraftProvider());
        catalog.provider(FalProvider.ID).ifPresent(spec -> {
            ProviderClient client = new ProviderClient(ProviderEndpoints.of(spec, environment),
                    keys, HttpSettings.DEFAULT, new StandardErrors(), Sleeper.REAL);
            providers.add(new FalProvider(client, PollingPolicy.IMAGE, PollingPolicy.VIDEO,
                    Sleeper.REAL));
        });
        catalog.provider(OpenAiProvider.ID).ifPresent(spec -> providers.add(new OpenAiProvider(
                new ProviderClient(ProviderEndpoints.of(spec, environment), keys,
                        HttpSettings.DEFAULT, new StandardErrors(), Sleeper.REAL))));
        catalog.provider(ElevenLabsProvider.ID).ifPresent(spec -> providers.add(
                new ElevenLabsProvider(new ProviderClient(ProviderEndpoints.of(spec, environment),
                        keys, HttpSettings.DEFAULT, ElevenLabsProvider.errors(), Sleeper.REAL))));
        catalog.provider(ReplicateProvider.ID).ifPresent(spec -> {
            ProviderClient client = new ProviderClient(ProviderEndpoints.of(spec, environment),
                    keys, HttpSettings.DEFAULT, new ReplicateErrors(), Sleeper.REAL);
            providers.add(new ReplicateProvider(client, PollingPolicy.IMAGE, PollingPolicy.VIDEO,
                    Sleeper.REAL));
        });
        catalog.provider(BflProvider.ID).ifPresent(spec -> {
            ProviderClient client = new ProviderClient(ProviderEndpoints.of(spec, environment),
                    keys, HttpSettings.DEFAULT, new StandardErrors(), Sleeper.REAL);
            providers.add(new BflProvider(client, PollingPolicy.IMAGE, Sleeper.REAL));
        });
        catalog.provider(RunwayProvider.ID).ifPresent(spec -> {
            ProviderClient client = new ProviderClient(ProviderEndpoints.of(spec, environment),
                    keys, HttpSettings.DEFAULT, new RunwayErrors(), Sleeper.REAL);
            providers.add(new RunwayProvider(client, RunwayProvider.POLLING, Sleeper.REAL));
        });
        catalog.provider(StabilityProvider.ID).ifPresent(spec -> {
            ProviderClient client = new ProviderClient(ProviderEndpoints.of(spec, environment),
                    keys, HttpSettings.DEFAULT, new StabilityErrors(), Sleeper.REAL);
            providers.add(new StabilityProvider(client));
        });
        catalog.provider(LumaProvider.ID).ifPresent(spec -> {
            ProviderClient client = new ProviderClient(ProviderEndpoints.of(spec, environment),
                    keys, HttpSettings.DEFAULT, new LumaErrors(), Sleeper.REAL);
            providers.add(new LumaProvider(client, PollingPolicy.IMAGE, PollingPolicy.VIDEO,
                    Sleeper.REAL));
        });
        catalog.provider(GoogleProvider.ID).ifPresent(spec -> {
            ProviderClient client = new ProviderClient(ProviderEndpoints.of(spec, environment),
                    keys, HttpSettings.DEFAULT, new GoogleErrors(), Sleeper.REAL);
            providers.add(new GoogleProvider(client, GoogleProvider.VEO_POLLING,
                    Sleeper.REAL));
        });
        return of(providers);
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

package io.reelgraph.nodes.provider.fal;

import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.nodes.catalog.ModelCatalog;
import io.reelgraph.nodes.provider.FakeProvider;
import io.reelgraph.nodes.provider.Generation;
import io.reelgraph.nodes.provider.ImageJob;
import io.reelgraph.nodes.provider.Provider;
import io.reelgraph.nodes.provider.ProviderContractTest;
import io.reelgraph.nodes.provider.async.PollingPolicy;
import io.reelgraph.nodes.provider.http.HttpSettings;
import io.reelgraph.nodes.provider.http.ProviderClient;
import io.reelgraph.nodes.provider.http.ProviderEndpoints;
import io.reelgraph.nodes.provider.http.Sleeper;
import io.reelgraph.nodes.provider.http.StandardErrors;
import io.reelgraph.nodes.provider.keys.EnvironmentKeyLookup;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

class FalProviderContractTest extends ProviderContractTest {

    private static final PollingPolicy FAST = new PollingPolicy(Duration.ofMillis(10),
            Duration.ofMillis(50), 1.5, Duration.ofMinutes(1));

    private ModelCatalog catalog;

    @Override
    protected FakeProvider startFake() throws Exception {
        catalog = ModelCatalog.load();
        return new FakeFalServer();
    }

    @Override
    protected Provider adapter(FakeProvider fake, Sleeper sleeper, Optional<String> key) {
        Map<String, String> environment = new HashMap<>();
        environment.put("REELGRAPH_FAL_BASE_URL", fake.baseUrl());
        key.ifPresent(value -> environment.put("FAL_KEY", value));
        HttpSettings settings = new HttpSettings(Duration.ofSeconds(2), Duration.ofMillis(500),
                2, Duration.ofMillis(5), Duration.ofSeconds(30), 1000, 1000, 1024 * 1024);
        ProviderClient client = new ProviderClient(
                ProviderEndpoints.of(catalog.provider("fal").orElseThrow(), environment),
                new EnvironmentKeyLookup(catalog, environment), settings, new StandardErrors(),
                sleeper);
        return new FalProvider(client, FAST, FAST, sleeper);
    }

    @Override
    protected Generation generate(Provider adapter, WorkContext context) throws Exception {
        return adapter.image(new ImageJob(catalog.find("fal/fal-ai/flux/dev").orElseThrow(),
                "a night market", 1024, 768, 7, 0, List.of()), context);
    }

    @Override
    protected String keyAlias() {
        return "FAL_KEY";
    }
}

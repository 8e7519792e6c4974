package io.reelgraph.nodes.provider.google;

import io.reelgraph.nodes.catalog.ModelCatalog;
import io.reelgraph.nodes.provider.FakeProvider;
import io.reelgraph.nodes.provider.async.PollingPolicy;
import io.reelgraph.nodes.provider.http.HttpSettings;
import io.reelgraph.nodes.provider.http.ProviderClient;
import io.reelgraph.nodes.provider.http.ProviderEndpoints;
import io.reelgraph.nodes.provider.http.Sleeper;
import io.reelgraph.nodes.provider.keys.EnvironmentKeyLookup;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Wires a {@link GoogleProvider} to a fake server with short timeouts. */
final class GoogleTesting {

    static final PollingPolicy FAST = new PollingPolicy(Duration.ofMillis(10),
            Duration.ofMillis(50), 1.5, Duration.ofMinutes(1));

    private GoogleTesting() {
    }

    static GoogleProvider adapter(ModelCatalog catalog, FakeProvider fake, Sleeper sleeper,
            Optional<String> key) {
        Map<String, String> environment = new HashMap<>();
        environment.put("REELGRAPH_GOOGLE_BASE_URL", fake.baseUrl());
        key.ifPresent(value -> environment.put("GEMINI_API_KEY", value));
        HttpSettings settings = new HttpSettings(Duration.ofSeconds(2), Duration.ofMillis(500),
                2, Duration.ofMillis(5), Duration.ofSeconds(30), 1000, 1000, 1024 * 1024);
        ProviderClient client = new ProviderClient(
                ProviderEndpoints.of(catalog.provider("google").orElseThrow(), environment),
                new EnvironmentKeyLookup(catalog, environment), settings, new GoogleErrors(),
                sleeper);
        return new GoogleProvider(client, FAST, sleeper);
    }
}

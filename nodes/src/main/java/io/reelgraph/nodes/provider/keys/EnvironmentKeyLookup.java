package io.reelgraph.nodes.provider.keys;

import io.reelgraph.nodes.catalog.ModelCatalog;
import io.reelgraph.nodes.catalog.ProviderSpec;
import java.util.Map;
import java.util.Optional;

/**
 * Keys from environment variables named by the catalog, such as {@code FAL_KEY}: the fallback
 * for the command line and CI when the vault has none. The alias is the variable name.
 */
public final class EnvironmentKeyLookup implements KeyLookup {

    private final ModelCatalog catalog;
    private final Map<String, String> environment;

    /**
     * Creates a lookup over an environment map; pass {@link System#getenv()} in the program and
     * a map of your own in tests.
     */
    public EnvironmentKeyLookup(ModelCatalog catalog, Map<String, String> environment) {
        this.catalog = catalog;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Optional<ProviderKey> find(String providerId) {
        Optional<ProviderSpec> provider = catalog.provider(providerId);
        if (provider.isEmpty() || !provider.get().needsKey()) {
            return Optional.empty();
        }
        String variable = provider.get().keyEnvironmentVariable();
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        char[] characters = value.strip().toCharArray();
        Secret secret = new Secret(characters);
        java.util.Arrays.fill(characters, '\0');
        return Optional.of(new ProviderKey(variable, "env " + variable, secret));
    }
}

package io.reelgraph.nodes.catalog;

import java.util.Objects;

/**
 * A provider as the catalog describes it.
 *
 * @param keyEnvironmentVariable the variable the command line reads the key from when the vault
 *     has none; empty for a provider that needs no key
 * @param docs the provider's API documentation page
 */
public record ProviderSpec(
        String id,
        String displayName,
        String baseUrl,
        String keyEnvironmentVariable,
        String docs) {

    public ProviderSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(keyEnvironmentVariable, "keyEnvironmentVariable");
        Objects.requireNonNull(docs, "docs");
    }

    public boolean needsKey() {
        return !keyEnvironmentVariable.isEmpty();
    }
}

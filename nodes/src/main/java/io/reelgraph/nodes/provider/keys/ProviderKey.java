package io.reelgraph.nodes.provider.keys;

import java.util.Objects;

/**
 * The key a provider call runs on.
 *
 * @param alias the name the user gave the key, shown in messages and the spend ledger
 * @param source where the key came from, such as {@code env OPENAI_API_KEY} or {@code vault}
 */
public record ProviderKey(String alias, String source, Secret secret) {

    public ProviderKey {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(secret, "secret");
    }
}

package io.reelgraph.nodes.provider.keys;

import java.util.Optional;

/** Finds the key to use for a provider, such as from the vault or the environment. */
public interface KeyLookup {

    /** Returns the key for a provider id such as {@code fal}, or empty when none is set. */
    Optional<ProviderKey> find(String providerId);
}

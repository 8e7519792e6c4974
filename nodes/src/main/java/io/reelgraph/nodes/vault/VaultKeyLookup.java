package io.reelgraph.nodes.vault;

import io.reelgraph.nodes.provider.keys.KeyLookup;
import io.reelgraph.nodes.provider.keys.ProviderKey;
import io.reelgraph.nodes.provider.keys.Secret;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds provider keys in the vault first, for the project when one is given, and falls back to
 * another lookup, such as environment variables, for providers the vault has no key for.
 */
public final class VaultKeyLookup implements KeyLookup {

    private static final Logger LOG = LoggerFactory.getLogger(VaultKeyLookup.class);

    private final Vault vault;
    private final Optional<String> project;
    private final KeyLookup fallback;

    public VaultKeyLookup(Vault vault, Optional<String> project, KeyLookup fallback) {
        this.vault = vault;
        this.project = project;
        this.fallback = fallback;
    }

    @Override
    public Optional<ProviderKey> find(String providerId) {
        try {
            Optional<KeyAlias> alias = vault.aliasFor(providerId, project);
            if (alias.isPresent()) {
                Optional<Secret> secret = vault.secretFor(providerId, project);
                if (secret.isPresent()) {
                    return Optional.of(new ProviderKey(alias.get().name(),
                            "vault alias " + alias.get().name(), secret.get()));
                }
            }
        } catch (VaultException e) {
            LOG.error("Failed to read the key of provider {} from the vault {}: {}", providerId,
                    vault.file(), e.getMessage());
        }
        return fallback.find(providerId);
    }
}

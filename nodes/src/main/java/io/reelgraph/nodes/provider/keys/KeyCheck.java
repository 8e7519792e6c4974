package io.reelgraph.nodes.provider.keys;

import io.reelgraph.nodes.catalog.ProviderSpec;
import java.util.Map;
import java.util.Optional;

/**
 * A cheap authenticated request that shows whether a provider accepts a key, such as OpenAI's
 * {@code GET /v1/models}. It creates no job and costs nothing. The request goes through the
 * provider's own client, so the base URL override, the redaction of logs and the rule that a
 * key only goes to its own provider's hosts all apply.
 */
public interface KeyCheck {

    /** Returns the provider id this check is for, such as {@code openai}. */
    String provider();

    /**
     * Sends the check request with the key. Network failures and provider errors become a
     * result, never an exception.
     *
     * @throws InterruptedException when the thread was interrupted while waiting for the response
     */
    KeyCheckResult check(ProviderKey key) throws InterruptedException;

    /**
     * Returns the check of a provider, with base URLs from the catalog unless
     * {@code REELGRAPH_<PROVIDER>_BASE_URL} is set in {@code environment}. Empty for a provider
     * that takes no key or that this build has no check for.
     */
    static Optional<KeyCheck> forProvider(ProviderSpec provider, Map<String, String> environment) {
        return HttpKeyCheck.forProvider(provider, environment);
    }
}

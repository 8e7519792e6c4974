package io.reelgraph.nodes.provider.keys;

import io.reelgraph.engine.file.SecretPatterns;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.nodes.catalog.ProviderSpec;
import io.reelgraph.nodes.provider.elevenlabs.ElevenLabsProvider;
import io.reelgraph.nodes.provider.error.KeyRejectedException;
import io.reelgraph.nodes.provider.error.OutOfCreditException;
import io.reelgraph.nodes.provider.error.ProviderException;
import io.reelgraph.nodes.provider.google.GoogleErrors;
import io.reelgraph.nodes.provider.http.CallKind;
import io.reelgraph.nodes.provider.http.ErrorMapper;
import io.reelgraph.nodes.provider.http.HttpSettings;
import io.reelgraph.nodes.provider.http.JsonResponse;
import io.reelgraph.nodes.provider.http.ProviderClient;
import io.reelgraph.nodes.provider.http.ProviderEndpoints;
import io.reelgraph.nodes.provider.http.Sleeper;
import io.reelgraph.nodes.provider.http.StandardErrors;
import io.reelgraph.nodes.provider.luma.LumaErrors;
import io.reelgraph.nodes.provider.replicate.ReplicateErrors;
import io.reelgraph.nodes.provider.runway.RunwayErrors;
import io.reelgraph.nodes.provider.stability.StabilityErrors;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A key check that sends one free GET request to a path under the provider's base URL. */
final class HttpKeyCheck implements KeyCheck {

    private static final Logger LOG = LoggerFactory.getLogger(HttpKeyCheck.class);

    /**
     * Shorter than a run's settings: a key check is interactive, so it retries once and gives
     * up after 10 seconds to connect or 30 seconds to read.
     */
    static final HttpSettings SETTINGS = new HttpSettings(Duration.ofSeconds(10),
            Duration.ofSeconds(30), 1, Duration.ofMillis(500), Duration.ofSeconds(5), 5, 10,
            1024 * 1024);

    /**
     * The request of one provider.
     *
     * @param path appended to the base URL, such as {@code models}
     * @param acceptedErrors error statuses that still prove the key was accepted
     */
    record Target(String path, Set<Integer> acceptedErrors, ErrorMapper errors) {
    }

    private final ProviderEndpoints endpoints;
    private final Target target;
    private final Sleeper sleeper;

    HttpKeyCheck(ProviderEndpoints endpoints, Target target, Sleeper sleeper) {
        this.endpoints = endpoints;
        this.target = target;
        this.sleeper = sleeper;
    }

    static Optional<KeyCheck> forProvider(ProviderSpec provider, Map<String, String> environment) {
        if (!provider.needsKey()) {
            return Optional.empty();
        }
        return target(provider.id()).map(target -> new HttpKeyCheck(
                ProviderEndpoints.of(provider, environment), target, Sleeper.REAL));
    }

    /**
     * Returns the free, authenticated request of each provider, from its API reference: a list
     * of models, the account or the credit balance.
     */
    static Optional<Target> target(String providerId) {
        Target target = switch (providerId) {
            case "openai" -> new Target("models", Set.of(), new StandardErrors());
            case "replicate" -> new Target("account", Set.of(), new ReplicateErrors());
            // NOTE: fal's queue host has no account endpoint. The status of an unknown request
            // id needs the key and returns 404 when the key is valid; this 404 behaviour is
            // taken from fal's queue API reference and was only tried against the local fake.
            case "fal" -> new Target("fal-ai/flux/requests/00000000-0000-0000-0000-000000000000"
                    + "/status", Set.of(404), new StandardErrors());
            case "stability" -> new Target("v1/user/balance", Set.of(), new StabilityErrors());
            case "elevenlabs" -> new Target("v1/user", Set.of(), ElevenLabsProvider.errors());
            case "runway" -> new Target("organization", Set.of(), new RunwayErrors());
            case "luma" -> new Target("credits", Set.of(), new LumaErrors());
            case "google" -> new Target("models", Set.of(), new GoogleErrors());
            case "bfl" -> new Target("v1/credits", Set.of(), new StandardErrors());
            default -> null;
        };
        return Optional.ofNullable(target);
    }

    @Override
    public String provider() {
        return endpoints.providerId();
    }

    @Override
    public KeyCheckResult check(ProviderKey key) throws InterruptedException {
        String provider = endpoints.providerId();
        KeyLookup only = id -> id.equals(provider) ? Optional.of(key) : Optional.empty();
        ProviderClient client = new ProviderClient(endpoints, only, SETTINGS, target.errors(),
                sleeper);
        Request request = new Request.Builder().url(endpoints.resolve(target.path())).get()
                .build();
        try {
            JsonResponse response = client.call(request, CallKind.POLL, WorkContext.NONE,
                    target.acceptedErrors());
            LOG.info("Provider {} accepted key alias {} (HTTP {})", provider, key.alias(),
                    response.status());
            return result(key, KeyCheckOutcome.ACCEPTED, "Provider " + provider
                    + " accepted the key " + key.alias(), response.providerRequestId());
        } catch (KeyRejectedException e) {
            LOG.warn("Provider {} rejected key alias {}", provider, key.alias());
            return result(key, KeyCheckOutcome.REJECTED, "Provider " + provider
                    + " rejected the key " + key.alias() + status(e) + "; check that the key is"
                    + " current in the provider's dashboard and rotate it",
                    e.providerRequestId());
        } catch (OutOfCreditException e) {
            return result(key, KeyCheckOutcome.ACCEPTED, "Provider " + provider
                    + " accepted the key " + key.alias() + ", but the account has no credit"
                    + " left; add credit before a run", e.providerRequestId());
        } catch (ProviderException e) {
            LOG.warn("Key check of provider {} for key alias {} failed: {}", provider,
                    key.alias(), SecretPatterns.redact(e.getMessage()));
            return result(key, KeyCheckOutcome.UNREACHABLE, "Provider " + provider
                    + " could not check the key " + key.alias() + ": "
                    + SecretPatterns.redact(e.getMessage()), e.providerRequestId());
        } catch (IOException e) {
            if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("Interrupted while checking the key "
                        + key.alias());
            }
            LOG.warn("Key check of provider {} for key alias {} could not reach {}: {}",
                    provider, key.alias(), endpoints.baseUrl(), e.toString());
            return result(key, KeyCheckOutcome.UNREACHABLE, "Provider " + provider
                    + " could not be reached at " + endpoints.baseUrl() + " to check the key "
                    + key.alias() + ": " + e.getMessage() + "; check the network connection"
                    + overrideHint(), Optional.empty());
        }
    }

    private String overrideHint() {
        return endpoints.overridden()
                ? " and " + ProviderEndpoints.overrideVariable(endpoints.providerId()) : "";
    }

    private static String status(ProviderException e) {
        return e.httpStatus().isPresent() ? " (HTTP " + e.httpStatus().getAsInt() + ")" : "";
    }

    private KeyCheckResult result(ProviderKey key, KeyCheckOutcome outcome, String message,
            Optional<String> requestId) {
        return new KeyCheckResult(endpoints.providerId(), key.alias(), outcome, message,
                requestId);
    }
}

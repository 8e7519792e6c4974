package io.reelgraph.nodes.provider.http;

import io.reelgraph.nodes.catalog.ProviderSpec;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a provider's API lives: the base URL from the catalog and the origins (scheme, host and
 * port) that belong to the provider. A key is only ever attached to requests for these origins.
 * The environment variable {@code REELGRAPH_<PROVIDER>_BASE_URL} replaces every origin of the
 * provider, for tests and self-hosted gateways; a graph file can never change them.
 */
public final class ProviderEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderEndpoints.class);

    /** Hosts a provider serves its API from besides the catalog's base URL host. */
    private static final Map<String, Set<String>> EXTRA_HOSTS = Map.of(
            "fal", Set.of("queue.fal.run", "fal.run"),
            "bfl", Set.of("api.bfl.ai", "api.eu.bfl.ai", "api.us.bfl.ai"));

    /**
     * Host patterns of a provider's regional API hosts, over https on port 443. BFL returns
     * {@code polling_url}s on hosts such as {@code api.eu2.bfl.ai} or {@code api.us1.bfl.ai}
     * that no list can name in advance; its result hosts ({@code delivery-*.bfl.ai}) do not
     * match, so they never get the key.
     */
    private static final Map<String, Pattern> EXTRA_HOST_PATTERNS = Map.of(
            "bfl", Pattern.compile("api(\\.[a-z0-9-]+)?\\.bfl\\.ai"));

    private final String providerId;
    private final HttpUrl baseUrl;
    private final Set<String> origins;
    private final boolean overridden;
    private final Optional<Pattern> hostPattern;

    private ProviderEndpoints(String providerId, HttpUrl baseUrl, Set<String> origins,
            boolean overridden) {
        this.providerId = providerId;
        this.baseUrl = baseUrl;
        this.origins = Set.copyOf(origins);
        this.overridden = overridden;
        this.hostPattern = overridden ? Optional.empty()
                : Optional.ofNullable(EXTRA_HOST_PATTERNS.get(providerId));
    }

    /**
     * Resolves a provider's endpoints from its catalog entry and the environment.
     *
     * @param environment the process environment, or a map of a test's own
     * @throws IllegalArgumentException when the catalog URL or the override is not an HTTP URL
     */
    public static ProviderEndpoints of(ProviderSpec spec, Map<String, String> environment) {
        String variable = overrideVariable(spec.id());
        String override = environment.get(variable);
        if (override != null && !override.isBlank()) {
            HttpUrl url = parse(override.strip(), variable);
            LOG.warn("{} is set: every request of provider {} goes to {} instead of {}",
                    variable, spec.id(), url, spec.baseUrl());
            return new ProviderEndpoints(spec.id(), url, Set.of(origin(url)), true);
        }
        HttpUrl url = parse(spec.baseUrl(), "the catalog base URL of provider " + spec.id());
        Set<String> origins = new TreeSet<>();
        origins.add(origin(url));
        for (String host : EXTRA_HOSTS.getOrDefault(spec.id(), Set.of())) {
            origins.add("https://" + host + ":443");
        }
        return new ProviderEndpoints(spec.id(), url, origins, false);
    }

    /** Returns the name of the variable that overrides a provider's hosts. */
    public static String overrideVariable(String providerId) {
        return "REELGRAPH_" + providerId.toUpperCase(Locale.ROOT).replace('-', '_') + "_BASE_URL";
    }

    public String providerId() {
        return providerId;
    }

    public HttpUrl baseUrl() {
        return baseUrl;
    }

    /** Returns whether the base URL came from the override variable rather than the catalog. */
    public boolean overridden() {
        return overridden;
    }

    /** Returns whether a URL points at one of this provider's own origins. */
    public boolean owns(HttpUrl url) {
        if (origins.contains(origin(url))) {
            return true;
        }
        return hostPattern.isPresent() && url.isHttps() && url.port() == 443
                && hostPattern.get().matcher(url.host().toLowerCase(Locale.ROOT)).matches();
    }

    /**
     * Returns the base URL with path segments appended; {@code path} may contain slashes, such
     * as {@code fal-ai/flux/dev}.
     */
    public HttpUrl resolve(String path) {
        HttpUrl.Builder builder = baseUrl.newBuilder();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                builder.addPathSegment(segment);
            }
        }
        return builder.build();
    }

    private static HttpUrl parse(String text, String source) {
        HttpUrl url = HttpUrl.parse(text);
        if (url == null) {
            throw new IllegalArgumentException("Invalid base URL \"" + text + "\" in " + source
                    + ": expected an http or https URL such as https://queue.fal.run");
        }
        return url;
    }

    private static String origin(HttpUrl url) {
        return url.scheme() + "://" + url.host().toLowerCase(Locale.ROOT) + ":" + url.port();
    }

    @Override
    public String toString() {
        return "ProviderEndpoints[" + providerId + " " + baseUrl + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProviderEndpoints that && providerId.equals(that.providerId)
                && baseUrl.equals(that.baseUrl) && origins.equals(that.origins);
    }

    @Override
    public int hashCode() {
        return Objects.hash(providerId, baseUrl, origins);
    }
}

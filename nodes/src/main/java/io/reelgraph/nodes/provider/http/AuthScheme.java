package io.reelgraph.nodes.provider.http;

import java.util.Map;
import java.util.Objects;

/**
 * How a provider expects its key: the header, a prefix before the key, and fixed headers that
 * go with every authenticated request (Runway's API version). Taken from each provider's API
 * reference and official SDK.
 *
 * @param prefix text before the key in the header value, such as {@code "Bearer "}
 */
public record AuthScheme(String header, String prefix, Map<String, String> fixedHeaders) {

    public AuthScheme {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(prefix, "prefix");
        fixedHeaders = Map.copyOf(fixedHeaders);
    }

    /** The scheme of a provider id; {@code Authorization: Bearer} for providers not listed. */
    public static AuthScheme forProvider(String providerId) {
        return switch (providerId) {
            case "fal" -> new AuthScheme("Authorization", "Key ", Map.of());
            case "elevenlabs" -> new AuthScheme("xi-api-key", "", Map.of());
            case "google" -> new AuthScheme("x-goog-api-key", "", Map.of());
            case "bfl" -> new AuthScheme("x-key", "", Map.of());
            case "runway" -> new AuthScheme("Authorization", "Bearer ",
                    Map.of("X-Runway-Version", "2024-11-06"));
            default -> new AuthScheme("Authorization", "Bearer ", Map.of());
        };
    }
}

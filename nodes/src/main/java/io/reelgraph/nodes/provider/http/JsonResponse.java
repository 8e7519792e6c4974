package io.reelgraph.nodes.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/** A provider response whose body parsed as JSON. */
public record JsonResponse(int status, JsonNode body, Optional<String> providerRequestId) {

    public JsonResponse {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(providerRequestId, "providerRequestId");
    }
}

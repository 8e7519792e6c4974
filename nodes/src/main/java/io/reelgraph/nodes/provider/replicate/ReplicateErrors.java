package io.reelgraph.nodes.provider.replicate;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.nodes.provider.error.InvalidInputException;
import io.reelgraph.nodes.provider.error.ProviderException;
import io.reelgraph.nodes.provider.http.ErrorResponse;
import io.reelgraph.nodes.provider.http.StandardErrors;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Replicate's error mapping. Replicate returns errors as problem JSON
 * {@code {"title","detail","status"}}, which the standard mapping reads through
 * {@code detail}. A failed input validation (HTTP 422) adds
 * {@code invalid_fields:[{"type","field","description"}]} with fields such as
 * {@code input.seed}, which this mapping turns into the field name {@code seed}.
 */
public final class ReplicateErrors extends StandardErrors {

    @Override
    public ProviderException map(ErrorResponse response) {
        JsonNode json = parse(response.body());
        JsonNode invalid = json.path("invalid_fields").path(0);
        if (!invalid.isObject() || !invalid.path("field").isTextual()) {
            return super.map(response);
        }
        String field = invalid.get("field").asText();
        if (field.startsWith("input.")) {
            field = field.substring("input.".length());
        }
        String description = invalid.path("description").asText(detail(json, response.body()));
        return new InvalidInputException(response.provider(), OptionalInt.of(response.status()),
                response.providerRequestId(), Optional.of(field), "Provider replicate rejected"
                        + " the input field " + field + " (HTTP " + response.status() + "): "
                        + description + "; change the node's params or inputs");
    }
}

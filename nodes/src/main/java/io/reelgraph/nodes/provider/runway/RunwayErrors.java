package io.reelgraph.nodes.provider.runway;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.nodes.provider.error.InvalidInputException;
import io.reelgraph.nodes.provider.error.OutOfCreditException;
import io.reelgraph.nodes.provider.error.ProviderException;
import io.reelgraph.nodes.provider.http.ErrorResponse;
import io.reelgraph.nodes.provider.http.StandardErrors;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Runway's error bodies: {@code {"error":"..."}}, with an {@code issues} list of
 * {@code {path, message}} on a validation failure. Runway rejects a task the account cannot pay
 * for with HTTP 400 and a message about credits, so that becomes an out-of-credit error.
 * Everything else follows {@link StandardErrors}.
 */
public final class RunwayErrors extends StandardErrors {

    @Override
    public ProviderException map(ErrorResponse response) {
        JsonNode json = parse(response.body());
        String detail = detail(json, response.body());
        OptionalInt status = OptionalInt.of(response.status());
        // NOTE: the 400 "not enough credits" wording and the issues list are from Runway's API
        // guide as copied by third parties, not from a response seen here.
        if (response.status() == 400 && detail.toLowerCase(Locale.ROOT).contains("credits")) {
            return new OutOfCreditException(response.provider(), status,
                    response.providerRequestId(), "Provider runway reports that the account has"
                    + " not enough credits (HTTP 400): " + detail + "; add credit in the Runway"
                    + " developer portal");
        }
        JsonNode issue = json.path("issues").path(0);
        if (response.status() == 400 && issue.isObject()) {
            Optional<String> field = field(issue.path("path"));
            String message = issue.path("message").asText(detail);
            return new InvalidInputException(response.provider(), status,
                    response.providerRequestId(), field, "Provider runway rejected the input"
                    + field.map(name -> " field " + name).orElse("") + " (HTTP 400): " + detail
                    + ": " + message + "; change the node's params or inputs");
        }
        return super.map(response);
    }

    private static Optional<String> field(JsonNode path) {
        if (!path.isArray() || path.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder name = new StringBuilder();
        for (JsonNode part : path) {
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(part.asText());
        }
        return Optional.of(name.toString());
    }
}

package io.reelgraph.nodes.provider.stability;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.engine.file.SecretPatterns;
import io.reelgraph.nodes.provider.error.InvalidInputException;
import io.reelgraph.nodes.provider.error.KeyRejectedException;
import io.reelgraph.nodes.provider.error.ModerationException;
import io.reelgraph.nodes.provider.error.OutOfCreditException;
import io.reelgraph.nodes.provider.error.ProviderException;
import io.reelgraph.nodes.provider.http.ErrorResponse;
import io.reelgraph.nodes.provider.http.StandardErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Stability's error bodies, {@code {"id":"...","name":"bad_request","errors":["prompt: cannot
 * be empty"]}}: the {@code name} decides the kind ({@code content_moderation} on HTTP 403), and
 * a message of the form {@code "field: problem"} names the invalid field. A body without a
 * {@code name} and {@code errors} list follows {@link StandardErrors}.
 */
public final class StabilityErrors extends StandardErrors {

    private static final int MAX_DETAIL = 300;

    @Override
    public ProviderException map(ErrorResponse response) {
        JsonNode json = parse(response.body());
        if (!json.path("name").isTextual() || !json.path("errors").isArray()) {
            return super.map(response);
        }
        String name = json.get("name").asText();
        List<String> errors = new ArrayList<>();
        json.get("errors").forEach(error -> errors.add(error.asText()));
        String detail = SecretPatterns.redact(String.join("; ", errors));
        if (detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL) + "…";
        }
        String provider = response.provider();
        OptionalInt status = OptionalInt.of(response.status());
        Optional<String> requestId = response.providerRequestId()
                .or(() -> Optional.ofNullable(json.path("id").textValue()));

        if (name.equals("content_moderation")) {
            return new ModerationException(provider, status, requestId, "Provider stability"
                    + " blocked the request by its content policy: " + detail
                    + "; change the prompt or input image");
        }
        if (response.status() == 402 || name.equals("payment_required")) {
            return new OutOfCreditException(provider, status, requestId, "Provider stability"
                    + " reports that the account has no credits left (HTTP " + response.status()
                    + "): " + detail + "; buy credits on the Stability platform's billing page");
        }
        if (response.status() == 401 || name.equals("unauthorized")) {
            return new KeyRejectedException(provider, status, requestId, "Provider stability"
                    + " rejected the key " + response.keyAlias().map(a -> "\"" + a + "\"")
                    .orElse("(no key was set)") + " (HTTP " + response.status() + "): " + detail
                    + "; check or rotate the key in the vault or the environment");
        }
        if (response.status() == 400 || response.status() == 413 || response.status() == 422) {
            Optional<String> field = errors.isEmpty() ? Optional.empty() : field(errors.get(0));
            return new InvalidInputException(provider, status, requestId, field, "Provider"
                    + " stability rejected the input" + field.map(f -> " field " + f).orElse("")
                    + " (HTTP " + response.status() + ", " + name + "): " + detail
                    + "; change the node's params or inputs");
        }
        return super.map(response);
    }

    /** Returns the field a message such as {@code "prompt: cannot be empty"} starts with. */
    static Optional<String> field(String message) {
        int colon = message.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String field = message.substring(0, colon).strip();
        return field.matches("[a-z_]+") ? Optional.of(field) : Optional.empty();
    }
}

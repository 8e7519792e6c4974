package io.reelgraph.nodes.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelgraph.engine.file.SecretPatterns;
import io.reelgraph.nodes.provider.error.InvalidInputException;
import io.reelgraph.nodes.provider.error.KeyRejectedException;
import io.reelgraph.nodes.provider.error.ModerationException;
import io.reelgraph.nodes.provider.error.OutOfCreditException;
import io.reelgraph.nodes.provider.error.ProviderException;
import io.reelgraph.nodes.provider.error.RateLimitedException;
import io.reelgraph.nodes.provider.error.ServerErrorException;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The error mapping shared by all providers. It reads the common JSON error shapes: OpenAI and
 * Google {@code {"error":{"message","code","param"}}}, fal and FastAPI {@code {"detail":...}}
 * with a {@code loc} path, and plain {@code {"error":"..."}} or {@code {"message":"..."}}.
 */
public class StandardErrors implements ErrorMapper {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DETAIL = 300;

    @Override
    public ProviderException map(ErrorResponse response) {
        String provider = response.provider();
        OptionalInt status = OptionalInt.of(response.status());
        Optional<String> requestId = response.providerRequestId();
        JsonNode json = parse(response.body());
        String detail = detail(json, response.body());
        String code = code(json).toLowerCase(Locale.ROOT);

        if (isModeration(code, detail)) {
            return new ModerationException(provider, status, requestId, "Provider " + provider
                    + " blocked the request by its content policy: " + detail
                    + "; change the prompt or input image");
        }
        if (code.contains("insufficient_quota") || response.status() == 402) {
            return new OutOfCreditException(provider, status, requestId, "Provider " + provider
                    + " reports that the account has no credit left (HTTP " + response.status()
                    + "): " + detail + "; add credit in the provider's billing page");
        }
        return switch (response.status()) {
            case 401, 403 -> new KeyRejectedException(provider, status, requestId, "Provider "
                    + provider + " rejected the key " + alias(response) + " (HTTP "
                    + response.status() + "): " + detail
                    + "; check or rotate the key in the vault or the environment");
            case 429 -> new RateLimitedException(provider, status, requestId, "Provider "
                    + provider + " kept rate limiting the request (HTTP 429) after every retry: "
                    + detail + "; lower the concurrency for " + provider + " or try later");
            case 400, 404, 409, 413, 415, 422 -> invalidInput(response, json, detail);
            default -> new ServerErrorException(provider, status, requestId, "Provider "
                    + provider + " failed with HTTP " + response.status() + ": " + detail
                    + "; try again later");
        };
    }

    /** Returns whether an error code or message says the content policy blocked the request. */
    protected boolean isModeration(String code, String detail) {
        String text = detail.toLowerCase(Locale.ROOT);
        return code.contains("moderation") || code.contains("content_policy")
                || code.contains("safety") || text.contains("content policy")
                || text.contains("moderation_blocked");
    }

    private InvalidInputException invalidInput(ErrorResponse response, JsonNode json,
            String detail) {
        Optional<String> field = field(json);
        return new InvalidInputException(response.provider(),
                OptionalInt.of(response.status()), response.providerRequestId(), field,
                "Provider " + response.provider() + " rejected the input"
                        + field.map(name -> " field " + name).orElse("") + " (HTTP "
                        + response.status() + "): " + detail
                        + "; change the node's params or inputs");
    }

    private static String alias(ErrorResponse response) {
        return response.keyAlias().map(alias -> "\"" + alias + "\"").orElse("(no key was set)");
    }

    /** Parses the body as JSON; a body that is not JSON gives an empty object node. */
    protected static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** Returns the provider's own description of the error, shortened and with keys masked. */
    protected static String detail(JsonNode json, String body) {
        String text;
        JsonNode error = json.path("error");
        JsonNode detail = json.path("detail");
        if (error.isObject() && error.hasNonNull("message")) {
            text = error.get("message").asText();
        } else if (error.isTextual()) {
            text = error.asText();
        } else if (detail.isTextual()) {
            text = detail.asText();
        } else if (detail.isArray() && detail.size() > 0) {
            text = detail.get(0).path("msg").asText(detail.get(0).toString());
        } else if (json.hasNonNull("message")) {
            text = json.get("message").asText();
        } else {
            text = body.isBlank() ? "no error message" : body;
        }
        text = SecretPatterns.redact(text.strip());
        return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text;
    }

    private static String code(JsonNode json) {
        JsonNode error = json.path("error");
        StringBuilder code = new StringBuilder();
        code.append(error.path("code").asText("")).append(' ')
                .append(error.path("type").asText("")).append(' ')
                .append(json.path("error_type").asText("")).append(' ')
                .append(error.path("status").asText(""));
        JsonNode detail = json.path("detail");
        if (detail.isArray() && detail.size() > 0) {
            code.append(' ').append(detail.get(0).path("type").asText(""));
        }
        return code.toString();
    }

    /** Returns the input field the provider named: OpenAI {@code param}, FastAPI {@code loc}. */
    private static Optional<String> field(JsonNode json) {
        JsonNode param = json.path("error").path("param");
        if (param.isTextual() && !param.asText().isBlank()) {
            return Optional.of(param.asText());
        }
        JsonNode loc = json.path("detail").path(0).path("loc");
        if (loc.isArray() && loc.size() > 0) {
            return Optional.of(loc.get(loc.size() - 1).asText());
        }
        return Optional.empty();
    }
}

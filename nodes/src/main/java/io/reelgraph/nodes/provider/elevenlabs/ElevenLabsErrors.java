package io.reelgraph.nodes.provider.elevenlabs;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.engine.file.SecretPatterns;
import io.reelgraph.nodes.provider.error.InvalidInputException;
import io.reelgraph.nodes.provider.error.KeyRejectedException;
import io.reelgraph.nodes.provider.error.ModerationException;
import io.reelgraph.nodes.provider.error.OutOfCreditException;
import io.reelgraph.nodes.provider.error.ProviderException;
import io.reelgraph.nodes.provider.error.RateLimitedException;
import io.reelgraph.nodes.provider.http.ErrorResponse;
import io.reelgraph.nodes.provider.http.StandardErrors;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Maps ElevenLabs error bodies {@code {"detail":{"status":"...","message":"..."}}} by their
 * status name, because ElevenLabs reuses HTTP codes: {@code quota_exceeded} comes as 401 like
 * {@code invalid_api_key}. Other shapes, such as the 422 validation list, go to
 * {@link StandardErrors}.
 */
final class ElevenLabsErrors extends StandardErrors {

    @Override
    public ProviderException map(ErrorResponse response) {
        JsonNode detail = parse(response.body()).path("detail");
        if (!detail.isObject() || !detail.path("status").isTextual()) {
            return super.map(response);
        }
        String status = detail.get("status").asText().toLowerCase(Locale.ROOT);
        String message = shorten(detail.path("message").asText(status));
        String provider = response.provider();
        OptionalInt http = OptionalInt.of(response.status());
        Optional<String> requestId = response.providerRequestId();
        String seen = " (HTTP " + response.status() + ", " + status + "): " + message;

        if (isModeration(status, message)) {
            return new ModerationException(provider, http, requestId, "Provider " + provider
                    + " blocked the request by its content policy" + seen
                    + "; change the text of the line");
        }
        return switch (status) {
            case "quota_exceeded" -> new OutOfCreditException(provider, http, requestId,
                    "Provider " + provider + " reports that the account has no credit left"
                    + seen + "; add credit or enable usage-based billing in the ElevenLabs"
                    + " subscription page");
            case "invalid_api_key", "missing_api_key", "detected_unusual_activity" ->
                    new KeyRejectedException(provider, http, requestId, "Provider " + provider
                    + " rejected the key " + alias(response) + seen
                    + "; check or rotate the key in the vault or the environment");
            case "voice_not_found" -> invalid(response, "voice_id", seen,
                    "; set the node's voice to a voice id or name of this account");
            case "max_character_limit_exceeded", "text_too_long" -> invalid(response, "text",
                    seen, "; split the line into shorter lines");
            case "too_many_concurrent_requests", "system_busy" -> new RateLimitedException(
                    provider, http, requestId, "Provider " + provider + " kept rate limiting"
                    + " the request after every retry" + seen + "; lower the concurrency for "
                    + provider + " or try later");
            default -> super.map(response);
        };
    }

    private static InvalidInputException invalid(ErrorResponse response, String field,
            String seen, String fix) {
        return new InvalidInputException(response.provider(), OptionalInt.of(response.status()),
                response.providerRequestId(), Optional.of(field), "Provider "
                + response.provider() + " rejected the input field " + field + seen + fix);
    }

    private static String alias(ErrorResponse response) {
        return response.keyAlias().map(alias -> "\"" + alias + "\"").orElse("(no key was set)");
    }

    private static String shorten(String text) {
        String redacted = SecretPatterns.redact(text.strip());
        return redacted.length() > 300 ? redacted.substring(0, 300) + "…" : redacted;
    }
}

package io.reelgraph.nodes.provider.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.reelgraph.nodes.provider.error.InvalidInputException;
import io.reelgraph.nodes.provider.error.KeyRejectedException;
import io.reelgraph.nodes.provider.error.OutOfCreditException;
import io.reelgraph.nodes.provider.error.ProviderException;
import io.reelgraph.nodes.provider.error.RateLimitedException;
import io.reelgraph.nodes.provider.http.ErrorResponse;
import io.reelgraph.nodes.provider.http.StandardErrors;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Google's RPC errors, {@code {"error":{"code","message","status","details":[...]}}}: an
 * invalid key comes as HTTP 400 with an {@code ErrorInfo} reason such as
 * {@code API_KEY_INVALID}; a 429 names its wait in a {@code RetryInfo} {@code retryDelay}
 * rather than a header, and a daily quota ({@code QuotaFailure} with a per-day quota id) stays
 * exhausted until it resets, so it is not retried; a {@code BadRequest} names the field.
 */
public final class GoogleErrors extends StandardErrors {

    private static final String PROVIDER = GoogleProvider.ID;
    private static final String TYPE_PREFIX = "type.googleapis.com/google.rpc.";

    @Override
    public ProviderException map(ErrorResponse response) {
        JsonNode json = parse(response.body());
        JsonNode error = json.path("error");
        String detail = detail(json, response.body());
        OptionalInt status = OptionalInt.of(response.status());
        Optional<String> requestId = response.providerRequestId();

        String reason = detailOf(error, "ErrorInfo").path("reason").asText("");
        if (reason.startsWith("API_KEY_")) {
            return new KeyRejectedException(PROVIDER, status, requestId,
                    "Provider google rejected the key " + alias(response) + " (" + reason
                    + "): " + detail + "; check or rotate the key in the vault or the"
                    + " environment");
        }

        if (dailyQuota(error)) {
            return new RateLimitedException(PROVIDER, status, requestId,
                    "Provider google reports that a daily quota of this key is used up: "
                    + detail + "; wait until the quota resets or raise it in Google AI Studio");
        }

        String rpcStatus = error.path("status").asText("");
        if ("FAILED_PRECONDITION".equals(rpcStatus)
                && detail.toLowerCase(Locale.ROOT).contains("bill")) {
            return new OutOfCreditException(PROVIDER, status, requestId,
                    "Provider google needs billing on this key's project (HTTP "
                    + response.status() + "): " + detail
                    + "; enable billing for the project in Google AI Studio");
        }

        JsonNode violation = detailOf(error, "BadRequest").path("fieldViolations").path(0);
        if (response.status() == 400 && violation.path("field").isTextual()) {
            String field = violation.get("field").asText();
            return new InvalidInputException(PROVIDER, status, requestId,
                    Optional.of(field), "Provider google rejected the input field " + field
                    + " (HTTP 400): " + violation.path("description").asText(detail)
                    + "; change the node's params or inputs");
        }

        return super.map(response);
    }

    @Override
    public boolean retryable(ErrorResponse response) {
        return !dailyQuota(parse(response.body()).path("error")) && super.retryable(response);
    }

    @Override
    public Optional<Long> retryAfterMillis(ErrorResponse response) {
        Optional<Long> header = response.retryAfterMillis();
        if (header.isPresent()) {
            return header;
        }
        JsonNode delay = detailOf(parse(response.body()).path("error"), "RetryInfo")
                .path("retryDelay");
        return delay.isTextual() ? seconds(delay.asText()) : Optional.empty();
    }

    /** Reads a protobuf duration such as {@code "43s"} or {@code "43.7s"} as milliseconds. */
    static Optional<Long> seconds(String duration) {
        String text = duration.strip();
        if (!text.endsWith("s")) {
            return Optional.empty();
        }
        try {
            BigDecimal seconds = new BigDecimal(text.substring(0, text.length() - 1));
            return Optional.of(seconds.movePointRight(3).setScale(0,
                    RoundingMode.CEILING).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static boolean dailyQuota(JsonNode error) {
        for (JsonNode violation : detailOf(error, "QuotaFailure").path("violations")) {
            String quota = violation.path("quotaId").asText("")
                    + violation.path("quotaMetric").asText("");
            if (quota.contains("PerDay")) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode detailOf(JsonNode error, String type) {
        for (JsonNode detail : error.path("details")) {
            if ((TYPE_PREFIX + type).equals(detail.path("@type").asText())) {
                return detail;
            }
        }
        return MissingNode.getInstance();
    }

    private static String alias(ErrorResponse response) {
        return response.keyAlias().map(alias -> "\"" + alias + "\"").orElse("(no key was set)");
    }
}

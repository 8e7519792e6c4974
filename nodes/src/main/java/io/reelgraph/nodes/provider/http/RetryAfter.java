package io.reelgraph.nodes.provider.http;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import okhttp3.Headers;

/**
 * Reads the wait a provider asks for: {@code retry-after-ms} (milliseconds, OpenAI) first, then
 * {@code Retry-After} as whole seconds or as an HTTP date (RFC 9110 section 10.2.3).
 */
final class RetryAfter {

    private RetryAfter() {
    }

    static Optional<Long> millis(Headers headers, Instant now) {
        String millis = headers.get("retry-after-ms");
        if (millis != null) {
            try {
                return Optional.of(Math.max(0, (long) Math.ceil(Double.parseDouble(millis))));
            } catch (NumberFormatException e) {
                // Fall through to Retry-After, as the OpenAI SDK does.
            }
        }
        String value = headers.get("Retry-After");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        try {
            return Optional.of(Math.max(0, Long.parseLong(text) * 1000));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return Optional.of(Math.max(0, at.toEpochMilli() - now.toEpochMilli()));
            } catch (DateTimeParseException unparsable) {
                return Optional.empty();
            }
        }
    }
}

package io.reelgraph.nodes.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void secondsBecomeMillis() {
        assertThat(RetryAfter.millis(Headers.of("Retry-After", "3"), NOW)).contains(3000L);
    }

    @Test
    void httpDateCountsFromNow() {
        Headers headers = Headers.of("Retry-After", "Fri, 04 Dec 2026 12:00:07 GMT");

        assertThat(RetryAfter.millis(headers, NOW)).contains(7000L);
    }

    @Test
    void pastDateMeansNoWait() {
        Headers headers = Headers.of("Retry-After", "Fri, 04 Dec 2026 11:59:00 GMT");

        assertThat(RetryAfter.millis(headers, NOW)).contains(0L);
    }

    @Test
    void millisHeaderWinsOverSeconds() {
        Headers headers = Headers.of("retry-after-ms", "250.4", "Retry-After", "9");

        assertThat(RetryAfter.millis(headers, NOW)).contains(251L);
    }

    @Test
    void unreadableValueGivesNothing() {
        assertThat(RetryAfter.millis(Headers.of("Retry-After", "soon"), NOW)).isEmpty();
        assertThat(RetryAfter.millis(Headers.of(), NOW)).isEmpty();
    }
}

package io.reelgraph.nodes.provider.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Holds each request until the provider's token bucket has a token, and reports the wait to
 * the work item so the UI can show "waiting for rate limit".
 */
final class RateLimitInterceptor implements Interceptor {

    private final TokenBucket bucket;
    private final Sleeper sleeper;

    RateLimitInterceptor(TokenBucket bucket, Sleeper sleeper) {
        this.bucket = bucket;
        this.sleeper = sleeper;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        long waitNanos = bucket.take(System.nanoTime());
        if (waitNanos > 0) {
            Duration wait = Duration.ofNanos(waitNanos);
            CallTag tag = chain.request().tag(CallTag.class);
            if (tag != null) {
                tag.context().waitingForRateLimit(Math.max(1, wait.toMillis()));
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while waiting for the rate limit");
            }
        }
        return chain.proceed(chain.request());
    }
}

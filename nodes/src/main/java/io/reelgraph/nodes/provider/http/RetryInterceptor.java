package io.reelgraph.nodes.provider.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries transient failures with bounded attempts. A 429 waits for the provider's
 * {@code retry-after-ms} or {@code Retry-After} and reports the wait to the work item; a 5xx or
 * network failure backs off exponentially with jitter. A {@link CallKind#SUBMIT} request is
 * retried only when the provider certainly did not process it (a failed connect, 429, 502 or
 * 503), because no provider offers idempotency keys and a repeated submit is paid twice.
 */
final class RetryInterceptor implements Interceptor {

    private static final Logger LOG = LoggerFactory.getLogger(RetryInterceptor.class);

    private final ProviderClient client;
    private final HttpSettings settings;
    private final Sleeper sleeper;

    RetryInterceptor(ProviderClient client, HttpSettings settings, Sleeper sleeper) {
        this.client = client;
        this.settings = settings;
        this.sleeper = sleeper;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        CallTag tag = request.tag(CallTag.class);
        CallKind kind = tag == null ? CallKind.POLL : tag.kind();
        for (int attempt = 0; ; attempt++) {
            Response response;
            try {
                response = chain.proceed(request);
            } catch (IOException e) {
                if (!mayRetry(e, kind) || attempt >= settings.maxRetries()) {
                    throw e;
                }
                Duration wait = backoff(attempt);
                LOG.info("Retrying {} {} in {} ms after {} (attempt {} of {})", request.method(),
                        LoggingInterceptor.redact(request.url()), wait.toMillis(),
                        e.getClass().getSimpleName(), attempt + 2, settings.maxRetries() + 1);
                pause(wait);
                continue;
            }
            if (response.isSuccessful() || attempt >= settings.maxRetries()
                    || !mayRetry(response, kind)) {
                return response;
            }
            ErrorResponse error = client.errorResponse(response);
            if (!client.errors().retryable(error)) {
                return response;
            }
            Duration wait = wait(error, attempt);
            if (response.code() == 429 && tag != null) {
                tag.context().waitingForRateLimit(wait.toMillis());
            }
            LOG.info("Retrying {} {} in {} ms after HTTP {} (attempt {} of {})", request.method(),
                    LoggingInterceptor.redact(request.url()), wait.toMillis(), response.code(),
                    attempt + 2, settings.maxRetries() + 1);
            response.close();
            pause(wait);
        }
    }

    private static boolean mayRetry(IOException failure, CallKind kind) {
        if (failure instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
            return false;
        }
        if (kind == CallKind.SUBMIT) {
            return failure instanceof ConnectException || failure instanceof UnknownHostException;
        }
        return true;
    }

    private static boolean mayRetry(Response response, CallKind kind) {
        int code = response.code();
        if (kind == CallKind.SUBMIT) {
            return code == 429 || code == 502 || code == 503;
        }
        return code == 429 || code >= 500;
    }

    private Duration wait(ErrorResponse error, int attempt) {
        long millis = client.errors().retryAfterMillis(error)
                .orElse(backoff(attempt).toMillis());
        return Duration.ofMillis(Math.min(millis, settings.maxBackoff().toMillis()));
    }

    /** Exponential backoff with jitter: a random wait between half and all of the step. */
    private Duration backoff(int attempt) {
        long step = settings.initialBackoff().toMillis() << Math.min(attempt, 20);
        long capped = Math.min(step, settings.maxBackoff().toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Duration.ofMillis(jittered);
    }

    private void pause(Duration wait) throws InterruptedIOException {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting to retry");
        }
    }
}

package io.reelgraph.nodes.provider.http;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each request sent on the wire: method, URL with query values removed, status, duration
 * and the provider's request id. Headers and bodies are never logged, because they carry keys
 * and prompts.
 */
final class LoggingInterceptor implements Interceptor {

    private static final Logger LOG = LoggerFactory.getLogger("io.reelgraph.nodes.provider.http");

    /** Response headers in which providers return their request id. */
    static final List<String> REQUEST_ID_HEADERS = List.of("x-request-id", "x-fal-request-id",
            "request-id", "x-goog-request-id", "x-amzn-requestid", "cf-ray");

    private final String providerId;

    LoggingInterceptor(String providerId) {
        this.providerId = providerId;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        String url = redact(request.url());
        long start = System.nanoTime();
        Response response;
        try {
            response = chain.proceed(request);
        } catch (IOException e) {
            LOG.warn("{} {} {} failed after {} ms: {}", providerId, request.method(), url,
                    elapsedMillis(start), e.getClass().getSimpleName());
            throw e;
        }
        String requestId = requestId(response);
        LOG.info("{} {} {} -> {} in {} ms{}", providerId, request.method(), url, response.code(),
                elapsedMillis(start), requestId.isEmpty() ? "" : ", request id " + requestId);
        return response;
    }

    /** Returns the URL with every query value replaced by {@code redacted}, keeping the names. */
    static String redact(HttpUrl url) {
        HttpUrl.Builder builder = url.newBuilder().query(null).username("").password("");
        for (int i = 0; i < url.querySize(); i++) {
            builder.addQueryParameter(url.queryParameterName(i), "redacted");
        }
        return builder.build().toString();
    }

    static String requestId(Response response) {
        for (String header : REQUEST_ID_HEADERS) {
            String value = response.header(header);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "";
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}

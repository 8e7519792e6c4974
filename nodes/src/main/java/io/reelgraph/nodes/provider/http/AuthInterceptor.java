package io.reelgraph.nodes.provider.http;

import io.reelgraph.nodes.provider.keys.KeyLookup;
import io.reelgraph.nodes.provider.keys.ProviderKey;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Attaches the provider's key to requests for the provider's own origins and to nothing else.
 * It runs as a network interceptor, so it also sees each redirect hop: a redirect to a CDN or
 * any other host goes without the key, and a key header set by a caller for a foreign host is
 * removed.
 */
final class AuthInterceptor implements Interceptor {

    private final ProviderEndpoints endpoints;
    private final AuthScheme scheme;
    private final KeyLookup keys;

    AuthInterceptor(ProviderEndpoints endpoints, AuthScheme scheme, KeyLookup keys) {
        this.endpoints = endpoints;
        this.scheme = scheme;
        this.keys = keys;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Request.Builder builder = request.newBuilder().removeHeader(scheme.header());
        if (!endpoints.owns(request.url())) {
            return chain.proceed(builder.build());
        }
        Optional<ProviderKey> key = keys.find(endpoints.providerId());
        if (key.isPresent()) {
            char[] secret = key.get().secret().reveal();
            try {
                builder.header(scheme.header(), scheme.prefix() + new String(secret));
            } finally {
                Arrays.fill(secret, '\0');
            }
        }
        for (Map.Entry<String, String> fixed : scheme.fixedHeaders().entrySet()) {
            builder.header(fixed.getKey(), fixed.getValue());
        }
        return chain.proceed(builder.build());
    }
}

package io.reelgraph.nodes.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelgraph.nodes.catalog.ModelCatalog;
import io.reelgraph.nodes.catalog.ProviderSpec;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class ProviderEndpointsTest {

    private static ProviderSpec fal() throws Exception {
        return ModelCatalog.load().provider("fal").orElseThrow();
    }

    @Test
    void catalogHostsAreOwned() throws Exception {
        ProviderEndpoints endpoints = ProviderEndpoints.of(fal(), Map.of());

        assertThat(endpoints.overridden()).isFalse();
        assertThat(endpoints.owns(endpoints.baseUrl())).isTrue();
        assertThat(endpoints.owns(HttpUrl.get("https://example.com/steal"))).isFalse();
    }

    @Test
    void overrideReplacesEveryHost() throws Exception {
        ProviderEndpoints endpoints = ProviderEndpoints.of(fal(),
                Map.of("REELGRAPH_FAL_BASE_URL", "http://127.0.0.1:8099"));

        assertThat(endpoints.overridden()).isTrue();
        assertThat(endpoints.owns(HttpUrl.get("http://127.0.0.1:8099/fal-ai/x"))).isTrue();
        assertThat(endpoints.owns(HttpUrl.get("https://queue.fal.run/fal-ai/x"))).isFalse();
        assertThat(ProviderEndpoints.overrideVariable("elevenlabs"))
                .isEqualTo("REELGRAPH_ELEVENLABS_BASE_URL");
    }

    @Test
    void malformedOverrideNamesTheVariable() {
        assertThatThrownBy(() -> ProviderEndpoints.of(fal(),
                Map.of("REELGRAPH_FAL_BASE_URL", "not a url")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("REELGRAPH_FAL_BASE_URL");
    }
}

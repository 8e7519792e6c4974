package io.reelgraph.nodes.provider.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgraph.nodes.catalog.ModelCatalog;
import io.reelgraph.nodes.provider.FakeProvider;
import io.reelgraph.nodes.provider.elevenlabs.FakeElevenLabsServer;
import io.reelgraph.nodes.provider.fal.FakeFalServer;
import io.reelgraph.nodes.provider.http.ProviderEndpoints;
import io.reelgraph.nodes.provider.openai.FakeOpenAiServer;
import io.reelgraph.nodes.provider.replicate.FakeReplicateServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeyCheckTest {

    private static final String WRONG_KEY = "sk-wrongKey9876543210zyxwvutsrqponmlkjih";

    interface FakeFactory {
        FakeProvider start() throws IOException;
    }

    static Stream<Arguments> fakes() {
        return Stream.of(
                Arguments.of("openai", (FakeFactory) FakeOpenAiServer::new),
                Arguments.of("elevenlabs", (FakeFactory) FakeElevenLabsServer::new),
                Arguments.of("fal", (FakeFactory) FakeFalServer::new),
                Arguments.of("replicate", (FakeFactory) FakeReplicateServer::new));
    }

    private static KeyCheck check(String provider, String baseUrl) throws Exception {
        ModelCatalog catalog = ModelCatalog.load();
        return KeyCheck.forProvider(catalog.provider(provider).orElseThrow(),
                Map.of(ProviderEndpoints.overrideVariable(provider), baseUrl)).orElseThrow();
    }

    private static ProviderKey key(String alias, String value) {
        return new ProviderKey(alias, "test", new Secret(value.toCharArray()));
    }

    @Nested
    class AgainstFakes {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.reelgraph.nodes.provider.keys.KeyCheckTest#fakes")
        void rightKeyIsAccepted(String provider, FakeFactory factory) throws Exception {
            try (FakeProvider fake = factory.start()) {
                KeyCheckResult result = check(provider, fake.baseUrl())
                        .check(key("main", fake.key()));

                assertThat(result.outcome()).isEqualTo(KeyCheckOutcome.ACCEPTED);
                assertThat(result.provider()).isEqualTo(provider);
                assertThat(result.alias()).isEqualTo("main");
                assertThat(result.message())
                        .isEqualTo("Provider " + provider + " accepted the key main");
                assertThat(fake.submits()).isZero();
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.reelgraph.nodes.provider.keys.KeyCheckTest#fakes")
        void wrongKeyIsRejectedWithoutTheKey(String provider, FakeFactory factory)
                throws Exception {
            try (FakeProvider fake = factory.start()) {
                KeyCheckResult result = check(provider, fake.baseUrl())
                        .check(key("old-key", WRONG_KEY));

                assertThat(result.outcome()).isEqualTo(KeyCheckOutcome.REJECTED);
                assertThat(result.message()).isEqualTo("Provider " + provider
                        + " rejected the key old-key (HTTP 401); check that the key is current"
                        + " in the provider's dashboard and rotate it");
                assertThat(result.toString()).doesNotContain(WRONG_KEY)
                        .doesNotContain(WRONG_KEY.substring(10, 30));
                assertThat(fake.submits()).isZero();
            }
        }
    }

    @Nested
    class Failures {

        @Test
        void closedPortIsUnreachable() throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                port = socket.getLocalPort();
            }
            KeyCheckResult result = check("openai", "http://127.0.0.1:" + port + "/v1")
                    .check(key("main", WRONG_KEY));

            assertThat(result.outcome()).isEqualTo(KeyCheckOutcome.UNREACHABLE);
            assertThat(result.message()).startsWith("Provider openai could not be reached at"
                    + " http://127.0.0.1:" + port + "/v1 to check the key main: ");
            assertThat(result.message()).endsWith("; check the network connection and"
                    + " REELGRAPH_OPENAI_BASE_URL");
            assertThat(result.message()).doesNotContain(WRONG_KEY);
        }

        @Test
        void draftProviderHasNoCheck() throws Exception {
            ModelCatalog catalog = ModelCatalog.load();

            Optional<KeyCheck> check = KeyCheck.forProvider(
                    catalog.provider("draft").orElseThrow(), Map.of());

            assertThat(check).isEmpty();
        }

        @Test
        void everyKeyedProviderHasACheck() throws Exception {
            ModelCatalog catalog = ModelCatalog.load();

            assertThat(catalog.providers()).filteredOn(spec -> spec.needsKey())
                    .allSatisfy(spec -> assertThat(KeyCheck.forProvider(spec, Map.of()))
                            .as(spec.id()).isPresent());
        }
    }
}

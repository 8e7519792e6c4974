package io.reelgraph.engine.file;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretPatternsTest {

    @ParameterizedTest
    @CsvSource({
        "sk-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb3dEf6hIj9kLm2n, sk-…Lm2n",
        "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8t_Uv1wXy4z-A1B2, sk-proj-…A1B2",
        "sk_0123456789abcdef0123456789abcdef0123456789abcdef, sk_…cdef",
        "r8_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb3, r8_…zAb3",
        "key_0123456789abcdef0123456789abcdef0123456789abcdef, key_…cdef",
        "luma-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b-ab12cd34, luma-…cd34",
        "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q, AIza…5p6Q",
        "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b:0123456789abcdef0123456789abcdef, …cdef",
        "0123456789abcdef0123456789abcdef, …cdef",
    })
    void providerKeysAreFoundAndMasked(String key, String masked) {
        assertThat(SecretPatterns.findSecret("please use " + key + " for this")).contains(masked);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "A risk-taking skater at dusk, neon reflections on wet asphalt",
        "sk-the-quick-brown-fox-jumps-over-the-lazy-dog",
        "sk-8mm-film-look-with-grain-and-dust-2024",
        "key_light warm, key_frame_0001.png, monkey_business_2024_final_cut",
        "luma-key green screen, luma-matte-pass-for-compositing-shot-12",
        "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "request 0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b finished",
        "12345678901234567890123456789012",
        "$script",
        "{scene.heading}. {scene.action}, 35mm, moody",
    })
    void ordinaryTextIsNotFlagged(String text) {
        assertThat(SecretPatterns.findSecret(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"short, …", "sk-0123456789, sk-…6789", "abcdefghijklmnop, …mnop"})
    void maskShowsPrefixAndLastFour(String secret, String masked) {
        assertThat(SecretPatterns.mask(secret)).isEqualTo(masked);
    }
}

package io.reelgraph.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.artifact.ContentHash;
import io.reelgraph.engine.artifact.PortValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2ResultCacheTest {

    @TempDir
    Path folder;

    private static CachedResult result(String keySeed, String content) {
        CacheKey key = new CacheKey(ContentHash.of(keySeed.getBytes(StandardCharsets.UTF_8)).hex());
        Artifact media = Artifact.ofBytes("image/png", content.getBytes(StandardCharsets.UTF_8),
                false);
        return new CachedResult(key, "test.generate", 1, Map.of("image", PortValue.single(media)),
                List.of(), Optional.of("test"), Optional.of("m1"), false, new BigDecimal("0.04"),
                Optional.of(new BigDecimal("0.0014008")), Optional.of("req-1"), Instant.now(),
                JsonNodeFactory.instance.objectNode().put("type", "test.generate"));
    }

    @Test
    void committedResultReadsBackWithItsBlob() {
        try (H2ResultCache cache = H2ResultCache.open(folder)) {
            CachedResult stored = result("k1", "picture");
            cache.commit(stored);

            CachedResult read = cache.lookup(stored.key()).orElseThrow();

            assertThat(read.outputs().get("image").single().text()).isEqualTo("picture");
            assertThat(read.actualUsd()).contains(new BigDecimal("0.0014008"));
            assertThat(read.providerRequestId()).contains("req-1");
            assertThat(cache.size()).isEqualTo(1);
        }
    }

    @Test
    void secondCommitOfAKeyKeepsTheFirst() {
        try (H2ResultCache cache = H2ResultCache.open(folder)) {
            cache.commit(result("same", "first"));
            cache.commitAll(List.of(result("same", "second"), result("other", "third")));

            assertThat(cache.lookup(result("same", "").key()).orElseThrow()
                    .outputs().get("image").single().text()).isEqualTo("first");
            assertThat(cache.size()).isEqualTo(2);
        }
    }

    @Test
    void smallArtifactLivesInItsRow() {
        try (H2ResultCache cache = H2ResultCache.open(folder)) {
            CachedResult stored = result("k4", "a short prompt");
            cache.commit(stored);

            Artifact media = stored.outputs().get("image").single();
            assertThat(cache.blobs().contains(media.hash())).isFalse();
            assertThat(cache.lookup(stored.key()).orElseThrow().outputs().get("image").single()
                    .text()).isEqualTo("a short prompt");
        }
    }

    @Test
    void damagedBlobIsNeverUsed() throws Exception {
        CachedResult stored = result("k2", "intact ".repeat(1000));
        try (H2ResultCache cache = H2ResultCache.open(folder)) {
            cache.commit(stored);
            Artifact media = stored.outputs().get("image").single();
            Files.writeString(cache.blobs().pathOf(media.hash()), "tampered");

            CachedResult read = cache.lookup(stored.key()).orElseThrow();

            assertThatThrownBy(() -> read.outputs().get("image").single().bytes())
                    .isInstanceOf(CacheException.class)
                    .hasMessageContaining("is missing from");
        }
    }
}

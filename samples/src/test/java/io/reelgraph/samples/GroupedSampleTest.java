package io.reelgraph.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.app.Home;
import io.reelgraph.app.cli.CliRun;
import io.reelgraph.app.cli.ExitCodes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that the night-market sample with its shot chain grouped into a subgraph plans exactly
 * like the flat sample: grouping is layout only. {@link SampleGraphsTest} also validates,
 * estimates and draft-runs the grouped file, like every sample.
 */
class GroupedSampleTest {

    private static final Path PLAIN = Path.of("night-market", "night-market.reelgraph");
    private static final Path GROUPED = Path.of("night-market", "night-market-grouped.reelgraph");

    @TempDir
    Path home;

    @BeforeEach
    void pointAtHome() {
        System.setProperty(Home.PROPERTY, home.toString());
    }

    @AfterEach
    void clearHome() {
        System.clearProperty(Home.PROPERTY);
    }

    private static JsonNode estimate(Path graph, Path out) {
        CliRun estimate = CliRun.execute("estimate", "--json", graph.toAbsolutePath().toString(),
                "--out", out.toString());
        assertThat(estimate.exitCode()).as(estimate.describe()).isEqualTo(ExitCodes.OK);
        return estimate.json();
    }

    /** Returns {@code node/item=cacheKey} for every work item of an estimate. */
    private static List<String> cacheKeys(JsonNode estimate) {
        List<String> keys = new ArrayList<>();
        for (JsonNode node : estimate.path("nodes")) {
            for (JsonNode item : node.path("items")) {
                keys.add(node.path("id").asText() + "/" + item.path("key").asText() + "="
                        + item.path("cacheKey").asText("none"));
            }
        }
        return keys;
    }

    @Test
    void groupedSampleValidates() {
        CliRun validate = CliRun.execute("validate", "--json", GROUPED.toAbsolutePath().toString());

        assertThat(validate.exitCode()).as(validate.describe()).isEqualTo(ExitCodes.OK);
        assertThat(validate.json().path("problems")).isEmpty();
    }

    @Test
    void groupedSampleKeepsKeysAndCost(@TempDir Path out) {
        JsonNode plain = estimate(PLAIN, out.resolve("plain"));
        JsonNode grouped = estimate(GROUPED, out.resolve("grouped"));

        assertThat(cacheKeys(plain)).hasSize(plain.path("workItems").path("total").asInt());
        assertThat(cacheKeys(grouped)).isEqualTo(cacheKeys(plain));
        assertThat(grouped.path("cost")).isEqualTo(plain.path("cost"));
    }
}

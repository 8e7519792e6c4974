package io.reelgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.app.Home;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} with real models refuses before anything is sent unless the cost is accepted. */
class RefusalTest {

    @TempDir
    Path home;

    @TempDir
    Path folder;

    Path graph;
    Path report;
    BigDecimal projected;

    @BeforeEach
    void copySampleAndEstimate() throws IOException {
        System.setProperty(Home.PROPERTY, home.toString());
        graph = SampleGraph.copyInto(folder);
        report = folder.resolve("report.json");
        CliRun estimate = CliRun.execute("estimate", "--json", graph.toString());
        projected = estimate.json().path("cost").path("projectedUsd").decimalValue();
        assertThat(projected).isGreaterThan(new BigDecimal("0.01"));
    }

    @AfterEach
    void clearHome() {
        System.clearProperty(Home.PROPERTY);
    }

    /** Checks that nothing was written and no paid item reached the cache. */
    private void assertNothingSent() {
        assertThat(folder.resolve("out")).as("output folder").doesNotExist();
        assertThat(report).as("report").doesNotExist();
        JsonNode after = CliRun.execute("estimate", "--json", graph.toString()).json();
        for (JsonNode item : PaidItems.paid(after)) {
            assertThat(item.path("state").asText()).as(item.toString())
                    .isIn("WILL_RUN", "BLOCKED_ON_UPSTREAM");
        }
    }

    @Test
    void runWithoutKeysRefusesBeforeAsking() {
        assumeTrue(System.console() == null, "the test JVM has a terminal to ask on");

        CliRun run = CliRun.execute("run", graph.toString(), "--report", report.toString());

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.REFUSED);
        // Without keys in the environment the run stops before it would ask.
        assumeTrue(System.getenv("FAL_KEY") == null && System.getenv("ELEVENLABS_API_KEY") == null,
                "provider keys are set in this environment");
        assertThat(run.stderr()).contains("No key for elevenlabs (ELEVENLABS_API_KEY), fal"
                + " (FAL_KEY); set the environment variable to your own key, or run with"
                + " --draft.");
        assertThat(run.stderr()).contains("Nothing was sent.");
        assertNothingSent();
    }

    @Test
    void missingKeyRefusesNamingTheVariable() throws IOException {
        // Without the speech node the plan needs only fal, which this build can call.
        ObjectNode json = SampleGraph.read(graph);
        com.fasterxml.jackson.databind.node.ArrayNode nodes = json.withArray("nodes");
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (nodes.get(i).path("id").asText().equals("voices")) {
                nodes.remove(i);
            }
        }
        com.fasterxml.jackson.databind.node.ArrayNode connections = json.withArray("connections");
        for (int i = connections.size() - 1; i >= 0; i--) {
            JsonNode connection = connections.get(i);
            if (connection.path("from").path("node").asText().equals("voices")
                    || connection.path("to").path("node").asText().equals("voices")) {
                connections.remove(i);
            }
        }
        SampleGraph.write(json, graph);
        assumeTrue(System.getenv("FAL_KEY") == null, "FAL_KEY is set in this environment");

        CliRun run = CliRun.execute("run", graph.toString(), "--yes", "--report",
                report.toString());

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.stderr()).contains("No key for fal (FAL_KEY); set the environment"
                + " variable to your own key, or run with --draft. Nothing was sent.");
        assertNothingSent();
    }

    @Test
    void maxCostBelowProjectionRefuses() {
        CliRun run = CliRun.execute("run", graph.toString(), "--max-cost", "0.01", "--yes",
                "--report", report.toString());

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.stderr()).contains("Projected cost $"
                + projected.stripTrailingZeros().toPlainString()
                + " is above --max-cost $0.01; nothing was sent.");
        assertNothingSent();
    }

    @Test
    void negativeMaxCostIsUsageError() {
        CliRun run = CliRun.execute("run", graph.toString(), "--max-cost", "-1", "--yes");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).contains("--max-cost must be zero or more US dollars, got -1");
        assertThat(folder.resolve("out")).doesNotExist();
    }
}

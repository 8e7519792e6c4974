package io.reelgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.app.Home;
import io.reelgraph.nodes.catalog.Money;
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
    void realProvidersRefusedBeforeAsking() {
        assumeTrue(System.console() == null, "the test JVM has a terminal to ask on");

        CliRun run = CliRun.execute("run", graph.toString(), "--report", report.toString());

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.REFUSED);
        // This build calls only the draft provider, so the run stops before it would ask.
        assertThat(run.stderr()).contains("This build of Reelgraph cannot call providers"
                + " elevenlabs, fal yet");
        assertThat(run.stderr()).contains("Nothing was sent.");
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

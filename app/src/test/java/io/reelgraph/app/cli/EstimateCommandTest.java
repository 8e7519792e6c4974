package io.reelgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.app.Home;
import io.reelgraph.nodes.catalog.Money;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code estimate} of the night-market sample on a fresh cache, with real and draft models. */
class EstimateCommandTest {

    /** The sample has 6 keyframes, 6 clips and 22 lines of dialogue. */
    private static final int PAID_ITEMS = 34;

    @TempDir
    Path home;

    @TempDir
    Path folder;

    Path graph;

    @BeforeEach
    void copySample() throws IOException {
        System.setProperty(Home.PROPERTY, home.toString());
        graph = SampleGraph.copyInto(folder);
    }

    @AfterEach
    void clearHome() {
        System.clearProperty(Home.PROPERTY);
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Nested
    class RealModels {

        JsonNode plan;

        @BeforeEach
        void estimate() {
            CliRun estimate = CliRun.execute("estimate", "--json", graph.toString());
            assertThat(estimate.exitCode()).as(estimate.describe()).isEqualTo(ExitCodes.OK);
            plan = estimate.json();
        }

        @Test
        void projectsCostAboveZero() {
            assertThat(plan.path("cost").path("projectedUsd").decimalValue())
                    .isGreaterThan(BigDecimal.ZERO);
            assertThat(plan.path("draft").asBoolean(true)).isFalse();
        }

        @Test
        void projectsFalAndElevenlabs() {
            JsonNode byProvider = plan.path("cost").path("byProviderUsd");

            assertThat(fieldNames(byProvider)).containsExactlyInAnyOrder("fal", "elevenlabs");
            assertThat(byProvider.path("fal").decimalValue()).isGreaterThan(BigDecimal.ZERO);
            assertThat(byProvider.path("elevenlabs").decimalValue())
                    .isGreaterThan(BigDecimal.ZERO);
            assertThat(byProvider.path("fal").decimalValue()
                    .add(byProvider.path("elevenlabs").decimalValue()))
                    .isEqualByComparingTo(plan.path("cost").path("projectedUsd").decimalValue());
        }

        @Test
        void everyPaidItemWillRun() {
            List<JsonNode> paid = PaidItems.paid(plan);

            assertThat(paid).hasSize(PAID_ITEMS);
            for (JsonNode item : paid) {
                assertThat(item.path("state").asText()).as(item.toString())
                        .isIn("WILL_RUN", "BLOCKED_ON_UPSTREAM");
                assertThat(item.path("provider").asText()).as(item.toString())
                        .isIn("fal", "elevenlabs");
                assertThat(item.path("projectedUsd").decimalValue()).as(item.toString())
                        .isGreaterThan(BigDecimal.ZERO);
            }
            assertThat(plan.path("workItems").path("cached").asInt()).isZero();
        }

        @Test
        void tableShowsTotalAndProviders() {
            CliRun estimate = CliRun.execute("estimate", graph.toString());
            JsonNode byProvider = plan.path("cost").path("byProviderUsd");

            assertThat(estimate.exitCode()).as(estimate.describe()).isEqualTo(ExitCodes.OK);
            assertThat(estimate.stdout()).contains("Projected cost: "
                    + Money.format(plan.path("cost").path("projectedUsd").decimalValue())
                    + " (estimate) for " + PAID_ITEMS + " paid items");
            assertThat(estimate.stdout()).contains("By provider: elevenlabs "
                    + Money.format(byProvider.path("elevenlabs").decimalValue()) + ", fal "
                    + Money.format(byProvider.path("fal").decimalValue()));
        }

        @Test
        void writesNoOutput() {
            assertThat(folder.resolve("out")).doesNotExist();
        }
    }

    @Nested
    class DraftModels {

        @Test
        void projectsExactlyZero() {
            CliRun estimate = CliRun.execute("estimate", "--json", "--draft", graph.toString());

            assertThat(estimate.exitCode()).as(estimate.describe()).isEqualTo(ExitCodes.OK);
            JsonNode plan = estimate.json();
            assertThat(plan.path("draft").asBoolean()).isTrue();
            assertThat(plan.path("cost").path("projectedUsd").isNumber()).isTrue();
            assertThat(plan.path("cost").path("projectedUsd").decimalValue())
                    .isEqualByComparingTo(BigDecimal.ZERO);
            assertThat(fieldNames(plan.path("cost").path("byProviderUsd")))
                    .containsExactly("draft");
        }

        @Test
        void putsEveryPaidItemOnDraftProvider() {
            CliRun estimate = CliRun.execute("estimate", "--json", "--draft", graph.toString());

            List<JsonNode> paid = PaidItems.paid(estimate.json());
            assertThat(paid).hasSize(PAID_ITEMS);
            for (JsonNode item : paid) {
                assertThat(item.path("provider").asText()).as(item.toString()).isEqualTo("draft");
                assertThat(item.path("draft").asBoolean()).as(item.toString()).isTrue();
                assertThat(item.path("projectedUsd").decimalValue()).as(item.toString())
                        .isEqualByComparingTo(BigDecimal.ZERO);
            }
        }
    }
}

package io.reelgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.app.Home;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --help} and {@code models}: the exit codes, usage errors and the model list. */
class HelpAndModelsTest {

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

    @Nested
    class Help {

        @ParameterizedTest
        @ValueSource(strings = {"--help", "run --help", "estimate --help", "validate --help",
            "breakdown --help"})
        void listsEveryExitCode(String args) {
            CliRun help = CliRun.execute(args.split(" "));

            assertThat(help.exitCode()).as(help.describe()).isEqualTo(ExitCodes.OK);
            assertThat(help.stdout()).contains("Exit codes:");
            assertThat(help.stdout()).containsSubsequence(
                    "\n  0   success",
                    "\n  1   the run finished but some work items failed",
                    "\n  2   usage error",
                    "\n  3   invalid input",
                    "\n  4   refused before anything was sent",
                    "\n  5   cancelled",
                    "\n  10  the cache or output folder could not be used");
        }

        @Test
        void unknownOptionIsUsageError() {
            CliRun run = CliRun.execute("run", "--no-such-option", "graph.reelgraph");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.stderr()).contains("Unknown option: '--no-such-option'");
        }

        @Test
        void missingGraphIsUsageError() {
            CliRun run = CliRun.execute("run");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.stderr()).contains("Missing required parameter: 'GRAPH'");
        }
    }

    @Nested
    class Models {

        @Test
        void videoListIncludesDraftModel() {
            CliRun models = CliRun.execute("models", "--modality", "video");

            assertThat(models.exitCode()).as(models.describe()).isEqualTo(ExitCodes.OK);
            assertThat(models.stdout()).containsPattern("(?m)^draft/video\\s+video\\s+\\$0\\.00/");
            assertThat(models.stdout()).doesNotContainPattern("(?m)^\\S+\\s+image\\s");
        }

        @Test
        void videoJsonHasOnlyVideoModels() {
            CliRun models = CliRun.execute("models", "--modality", "video", "--json");

            assertThat(models.exitCode()).as(models.describe()).isEqualTo(ExitCodes.OK);
            JsonNode list = models.json().path("models");
            assertThat(list).isNotEmpty();
            boolean draftFound = false;
            for (JsonNode model : list) {
                assertThat(model.path("modality").asText()).as(model.toString()).isEqualTo("video");
                if (model.path("id").asText().equals("draft/video")) {
                    draftFound = true;
                    assertThat(model.path("provider").asText()).isEqualTo("draft");
                }
            }
            assertThat(draftFound).as("draft/video in " + list).isTrue();
        }

        @Test
        void providerFilterKeepsOnlyThatProvider() {
            CliRun models = CliRun.execute("models", "--provider", "fal", "--json");

            assertThat(models.exitCode()).as(models.describe()).isZero();
            JsonNode list = models.json().path("models");
            assertThat(list.size()).isGreaterThan(5);
            for (JsonNode model : list) {
                assertThat(model.path("provider").asText()).isEqualTo("fal");
                assertThat(model.path("model").asText()).isNotBlank();
                assertThat(model.path("modality").asText()).isNotBlank();
                assertThat(model.path("priceUsd").isNumber()).isTrue();
            }
        }

        @Test
        void unknownModalityIsUsageError() {
            CliRun models = CliRun.execute("models", "--modality", "hologram");

            assertThat(models.exitCode()).as(models.describe()).isEqualTo(ExitCodes.USAGE);
            assertThat(models.stderr()).contains("Unknown modality hologram");
        }
    }
}

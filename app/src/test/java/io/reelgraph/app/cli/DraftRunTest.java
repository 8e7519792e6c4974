package io.reelgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.reelgraph.app.Home;
import io.reelgraph.engine.testing.ReferenceFiles;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --draft --yes --report} of the night-market sample. The draft run encodes six
 * placeholder clips, so one run is shared by every test of the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DraftRunTest {

    /** 1 reference, 1 screenplay, 6 prompts, 6 keyframes, 6 clips, 22 lines, 1 cut. */
    private static final int WORK_ITEMS = 43;
    private static final JsonMapper JSON = new JsonMapper();

    @TempDir
    static Path home;

    @TempDir
    static Path folder;

    Path graph;
    CliRun firstRun;
    JsonNode report;

    @BeforeAll
    void runOnce() throws IOException {
        System.setProperty(Home.PROPERTY, home.toString());
        graph = SampleGraph.copyInto(folder);
        Path reportFile = folder.resolve("r.json");
        firstRun = CliRun.execute("run", graph.toString(), "--draft", "--yes", "--report",
                reportFile.toString());
        report = Files.exists(reportFile) ? JSON.readTree(reportFile.toFile()) : JSON.nullNode();
    }

    @BeforeEach
    void pointAtHome() {
        System.setProperty(Home.PROPERTY, home.toString());
    }

    @AfterAll
    void clearHome() {
        System.clearProperty(Home.PROPERTY);
    }

    private List<Path> outputsEndingWith(String suffix) {
        List<Path> found = new ArrayList<>();
        for (JsonNode output : report.path("outputs")) {
            if (output.asText().endsWith(suffix)) {
                found.add(Path.of(output.asText()));
            }
        }
        return found;
    }

    @Nested
    class FirstRun {

        @Test
        void exitsZeroWithSummary() {
            assertThat(firstRun.exitCode()).as(firstRun.describe()).isEqualTo(ExitCodes.OK);
            assertThat(firstRun.stdout()).contains("Run finished: " + WORK_ITEMS + " work items, "
                    + WORK_ITEMS + " executed, 0 cached, 0 failed.");
            assertThat(firstRun.stdout()).contains("DRAFT: results come from the free draft"
                    + " provider");
        }

        @Test
        void reportCountsEveryItem() {
            JsonNode items = report.path("workItems");

            assertThat(items.path("total").asInt()).isEqualTo(WORK_ITEMS);
            assertThat(items.path("executed").asInt()).isEqualTo(WORK_ITEMS);
            assertThat(items.path("cached").asInt()).isZero();
            assertThat(items.path("failed").asInt()).isZero();
            assertThat(items.path("failed").isNumber()).isTrue();
        }

        @Test
        void reportCostsNothing() {
            JsonNode cost = report.path("cost");

            assertThat(report.path("draft").asBoolean()).isTrue();
            assertThat(cost.path("projectedUsd").isNumber()).as(cost.toString()).isTrue();
            assertThat(cost.path("projectedUsd").decimalValue())
                    .isEqualByComparingTo(BigDecimal.ZERO);
            assertThat(cost.path("actualUsd").isNumber()).as(cost.toString()).isTrue();
            assertThat(cost.path("actualUsd").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);
        }

        @Test
        void reportListsFcpxmlAndEdlThatExist() {
            List<Path> fcpxml = outputsEndingWith(".fcpxml");
            List<Path> edl = outputsEndingWith(".edl");

            assertThat(fcpxml).hasSize(1);
            assertThat(edl).hasSize(1);
            assertThat(fcpxml.get(0)).isRegularFile().startsWith(folder.resolve("out"));
            assertThat(edl.get(0)).isRegularFile().startsWith(folder.resolve("out"));
        }

        @Test
        void reportListsOnlyExistingFiles() {
            assertThat(report.path("outputs")).isNotEmpty();
            for (JsonNode output : report.path("outputs")) {
                assertThat(Path.of(output.asText())).isRegularFile();
            }
        }

        @Test
        void fcpxmlValidatesAgainstDtd() throws Exception {
            Optional<Path> dtd = ReferenceFiles.find(
                    "formats/fcpxml/dtd/Final_Cut_Pro_XML_DTD_version_1.10.dtd");
            assumeTrue(dtd.isPresent(), "the shared reference folder with the FCPXML DTD");
            assumeTrue(onPath("xmllint"), "xmllint is not installed");
            Path fcpxml = outputsEndingWith(".fcpxml").get(0);

            Process xmllint = new ProcessBuilder("xmllint", "--noout", "--dtdvalid",
                    dtd.get().toString(), fcpxml.toString()).redirectErrorStream(true).start();
            String output = new String(xmllint.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(xmllint.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(xmllint.exitValue()).as(output).isZero();
        }
    }

    @Nested
    class SecondRun {

        @Test
        void executesNothing() throws IOException {
            Path reportFile = folder.resolve("r2.json");

            CliRun again = CliRun.execute("run", graph.toString(), "--draft", "--yes", "--report",
                    reportFile.toString());

            assertThat(again.exitCode()).as(again.describe()).isEqualTo(ExitCodes.OK);
            JsonNode items = JSON.readTree(reportFile.toFile()).path("workItems");
            assertThat(items.path("executed").asInt()).isZero();
            assertThat(items.path("cached").asInt()).isEqualTo(WORK_ITEMS);
            assertThat(items.path("total").asInt()).isEqualTo(WORK_ITEMS);
        }
    }

    private static boolean onPath(String program) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}

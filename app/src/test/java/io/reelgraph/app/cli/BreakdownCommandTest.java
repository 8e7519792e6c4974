package io.reelgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.reelgraph.app.Home;
import io.reelgraph.engine.testing.ReferenceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code breakdown --json} on the Fountain files of the shared reference folder, checked against
 * the counts that fountain-js 1.2.4 and screenplain state for them in that folder's SOURCES.md,
 * and on the sample screenplay, checked against its hand-counted breakdown.
 */
class BreakdownCommandTest {

    private static final String FOUNTAIN = "formats/fountain/";

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

    private static Path reference(String name) {
        Optional<Path> file = ReferenceFiles.find(FOUNTAIN + name);
        assumeTrue(file.isPresent(), "the shared reference folder with " + FOUNTAIN + name);
        return file.get();
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.path(field).asText()));
        return values;
    }

    @Nested
    class BrickAndSteel {

        JsonNode breakdown;

        @BeforeEach
        void breakDown() {
            CliRun run = CliRun.execute("breakdown", "--json",
                    reference("brick-and-steel.fountain").toString());
            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.OK);
            breakdown = run.json();
        }

        @Test
        void listsEightSceneHeadings() {
            assertThat(texts(breakdown.path("scenes"), "heading")).containsExactly(
                    "EXT. BRICK'S PATIO - DAY", "INT. TRAILER HOME - DAY",
                    "EXT. BRICK'S POOL - DAY", "SNIPER SCOPE POV", "OPENING TITLES",
                    "EXT. WOODEN SHACK - DAY", "INT. GARAGE - DAY",
                    "EXT. PALATIAL MANSION - DAY");
        }

        @Test
        void listsSevenCharacters() {
            assertThat(texts(breakdown.path("characters"), "name")).containsExactly(
                    "STEEL", "BRICK", "JACK", "DAN", "COGNITO", "MINION", "HANDSOME MAN");
        }
    }

    /**
     * Scenes and distinct characters per file. SceneHeaders is 16 in fountain-js and 15 in
     * screenplain; 16 follows the Fountain rule that "INT - HOUSE" and "INT./EXT." open headings.
     */
    @ParameterizedTest(name = "{0}: {1} scenes, {2} characters")
    @CsvSource({
        "brick-and-steel.fountain, 8, 7",
        "nyousefi-SceneHeaders.fountain, 16, 1",
        "nyousefi-SceneNumbers.fountain, 7, 0",
        "nyousefi-Dialogue.fountain, 0, 3",
        "nyousefi-ForcedElements.fountain, 0, 2",
        "nyousefi-Transitions.fountain, 0, 0",
        "nyousefi-Simple.fountain, 3, 1",
        "nyousefi-Sections-Complex.fountain, 2, 0",
        "screenplain-utf-8-bom.fountain, 1, 2",
        "nyousefi-Boneyard.fountain, 0, 0",
        "nyousefi-CenteredText.fountain, 0, 0",
    })
    void countsMatchReferenceParsers(String name, int scenes, int characters) {
        CliRun run = CliRun.execute("breakdown", "--json", reference(name).toString());

        JsonNode breakdown = run.json();
        assertThat(breakdown.path("scenes")).as(run.describe()).hasSize(scenes);
        assertThat(breakdown.path("characters")).as(run.stdout()).hasSize(characters);
        int expectedExit = scenes == 0 ? ExitCodes.INVALID_INPUT : ExitCodes.OK;
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(expectedExit);
        if (scenes == 0) {
            assertThat(run.stderr()).contains(name + " has no scenes");
        }
    }

    @Test
    void countsTableCoversEveryReferenceFile() throws IOException {
        Path folder = reference("SOURCES.md").getParent();
        List<String> covered = List.of("brick-and-steel.fountain",
                "nyousefi-SceneHeaders.fountain", "nyousefi-SceneNumbers.fountain",
                "nyousefi-Dialogue.fountain", "nyousefi-ForcedElements.fountain",
                "nyousefi-Transitions.fountain", "nyousefi-Simple.fountain",
                "nyousefi-Sections-Complex.fountain", "screenplain-utf-8-bom.fountain",
                "nyousefi-Boneyard.fountain", "nyousefi-CenteredText.fountain");

        try (Stream<Path> files = Files.list(folder)) {
            List<String> fountainFiles = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".fountain")).toList();
            assertThat(covered).containsExactlyInAnyOrderElementsOf(fountainFiles);
        }
    }

    @Test
    void missingScreenplayExitsThree(@TempDir Path folder) {
        Path missing = folder.resolve("missing.fountain");

        CliRun run = CliRun.execute("breakdown", "--json", missing.toString());

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.stderr()).contains("Screenplay " + missing + " not found");
    }

    @Nested
    class NightMarketSample {

        JsonNode actual;
        JsonNode expected;

        @BeforeEach
        void breakDown() throws IOException {
            Path sample = SampleGraph.sampleFolder();
            CliRun run = CliRun.execute("breakdown", "--json",
                    sample.resolve(SampleGraph.SCREENPLAY).toString());
            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.OK);
            actual = run.json();
            expected = new JsonMapper().readTree(
                    sample.resolve("expected-breakdown.json").toFile());
        }

        @Test
        void scenesMatchHandCount() {
            assertThat(actual.path("scenes")).hasSize(expected.path("scenes").size());
            for (int i = 0; i < expected.path("scenes").size(); i++) {
                JsonNode want = expected.path("scenes").get(i);
                JsonNode got = actual.path("scenes").get(i);
                Iterator<Map.Entry<String, JsonNode>> fields = want.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    assertThat(got.path(field.getKey()))
                            .as("scene %s field %s", want.path("number").asText(), field.getKey())
                            .isEqualTo(field.getValue());
                }
            }
        }

        @Test
        void charactersMatchHandCount() {
            assertThat(actual.path("characters")).isEqualTo(expected.path("characters"));
        }
    }
}

package io.reelgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.app.Home;
import io.reelgraph.engine.testing.ReferenceFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code breakdown} of Final Draft files: the real sample, a hostile file, a malformed one. */
class FdxBreakdownTest {

    @TempDir
    Path home;

    @TempDir
    Path folder;

    @BeforeEach
    void pointAtHome() {
        System.setProperty(Home.PROPERTY, home.toString());
    }

    @AfterEach
    void clearHome() {
        System.clearProperty(Home.PROPERTY);
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.path(field).asText()));
        return values;
    }

    @Test
    void brickAndSteelMatchesFountain() {
        Optional<Path> fdx = ReferenceFiles.find("formats/fdx/screenplain-brick-and-steel.fdx");
        Optional<Path> fountain = ReferenceFiles.find("formats/fountain/brick-and-steel.fountain");
        assumeTrue(fdx.isPresent() && fountain.isPresent(), "the shared reference folder");

        CliRun fromFdx = CliRun.execute("breakdown", "--json", fdx.get().toString());
        CliRun fromFountain = CliRun.execute("breakdown", "--json", fountain.get().toString());

        assertThat(fromFdx.exitCode()).as(fromFdx.describe()).isEqualTo(ExitCodes.OK);
        JsonNode breakdown = fromFdx.json();
        assertThat(breakdown.path("scenes")).hasSize(8);
        assertThat(texts(breakdown.path("characters"), "name")).containsExactly(
                "STEEL", "BRICK", "JACK", "DAN", "COGNITO", "MINION", "HANDSOME MAN");
        assertThat(texts(breakdown.path("scenes"), "heading"))
                .isEqualTo(texts(fromFountain.json().path("scenes"), "heading"));
    }

    @Test
    void externalEntityExitsWithFileAndLine() throws Exception {
        Path secret = Files.writeString(folder.resolve("secret.txt"), "SECRET-CONTENT-42");
        Path evil = Files.writeString(folder.resolve("evil.fdx"), "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE FinalDraft [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<FinalDraft><Content><Paragraph Type=\"Action\"><Text>&x;</Text>"
                + "</Paragraph></Content></FinalDraft>\n");

        CliRun run = CliRun.execute("breakdown", evil.toString());

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.stderr()).contains(evil + ", line 2: the file declares a DOCTYPE");
        assertThat(run.stdout() + run.stderr()).doesNotContain("SECRET-CONTENT-42");
    }

    @Test
    void malformedFileNamesTheLine() throws Exception {
        Path broken = Files.writeString(folder.resolve("broken.fdx"), """
                <?xml version="1.0"?>
                <FinalDraft><Content>
                <Paragraph Type="Scene Heading"><Text>INT. A - DAY</Text></Paragraph>
                <Paragraph Type="Action"><Text>Open</Paragraph>
                </Content></FinalDraft>
                """);

        CliRun run = CliRun.execute("breakdown", broken.toString());

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.stderr()).contains(broken + ", line 4: the file is not well-formed XML");
    }
}

package io.reelgraph.nodes.screenplay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.reelgraph.engine.testing.ReferenceFiles;
import io.reelgraph.nodes.screenplay.Element.Action;
import io.reelgraph.nodes.screenplay.Element.Centered;
import io.reelgraph.nodes.screenplay.Element.Dialogue;
import io.reelgraph.nodes.screenplay.Element.PageBreak;
import io.reelgraph.nodes.screenplay.Element.Transition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FdxParserTest {

    private static Screenplay parse(String xml) throws ScreenplayException {
        return FdxParser.parse("test.fdx", xml.getBytes(StandardCharsets.UTF_8));
    }

    private static String body(String paragraphs) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\" ?>\n"
                + "<FinalDraft DocumentType=\"Script\" Template=\"No\" Version=\"4\">\n"
                + "<Content>\n" + paragraphs + "</Content>\n</FinalDraft>\n";
    }

    private static <T extends Element> List<T> all(Screenplay screenplay, Class<T> type) {
        return screenplay.allElements().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Makes a named pipe with no writer, so a reader that opens it blocks forever. */
    static Path namedPipe(Path folder, String name) throws Exception {
        Path pipe = folder.resolve(name);
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).start();
        assertThat(mkfifo.waitFor(30, TimeUnit.SECONDS)).as("mkfifo finished").isTrue();
        assertThat(mkfifo.exitValue()).as("mkfifo exit code").isZero();
        return pipe;
    }

    /**
     * screenplain's FDX export of Brick &amp; Steel. Counted by hand in the file: 8 Scene
     * Heading paragraphs (lines 5, 82, 113, 137, 168, 184, 226, 253), 20 Character paragraphs
     * naming 7 characters, 6 Parenthetical, 7 Transition and 23 Action paragraphs, 3 of them
     * centered with 2, 2 and 1 lines of text, and one DualDialogue block of two speeches.
     */
    @Nested
    class BrickAndSteelSample {

        private Screenplay sample() throws Exception {
            Optional<Path> file =
                    ReferenceFiles.find("formats/fdx/screenplain-brick-and-steel.fdx");
            assumeThat(file).as("reference file formats/fdx/screenplain-brick-and-steel.fdx")
                    .isPresent();
            return FdxParser.parse(file.orElseThrow());
        }

        @Test
        void headingsAndLines() throws Exception {
            Screenplay screenplay = sample();

            assertThat(screenplay.scenes()).extracting(Scene::heading).containsExactly(
                    "EXT. BRICK'S PATIO - DAY", "INT. TRAILER HOME - DAY",
                    "EXT. BRICK'S POOL - DAY", "SNIPER SCOPE POV", "OPENING TITLES",
                    "EXT. WOODEN SHACK - DAY", "INT. GARAGE - DAY", "EXT. PALATIAL MANSION - DAY");
            assertThat(screenplay.scenes()).extracting(Scene::line)
                    .containsExactly(5, 82, 113, 137, 168, 184, 226, 253);
            assertThat(screenplay.scenes()).extracting(Scene::forced)
                    .containsExactly(false, false, false, true, true, false, false, false);
            assertThat(screenplay.scenes().get(0).intExt()).isEqualTo("EXT");
            assertThat(screenplay.scenes().get(0).location()).isEqualTo("BRICK'S PATIO");
            assertThat(screenplay.scenes().get(0).timeOfDay()).isEqualTo("DAY");
            assertThat(screenplay.scenes()).allMatch(scene -> scene.number().isEmpty());
        }

        @Test
        void countsOfEachElement() throws Exception {
            Screenplay screenplay = sample();

            assertThat(all(screenplay, Dialogue.class)).hasSize(20);
            assertThat(all(screenplay, Dialogue.class)).flatExtracting(Dialogue::parentheticals)
                    .hasSize(6);
            assertThat(all(screenplay, Transition.class)).hasSize(7);
            assertThat(all(screenplay, Action.class)).hasSize(20);
            assertThat(all(screenplay, Centered.class)).hasSize(5);
            assertThat(screenplay.elements()).as("elements before the first scene").isEmpty();
        }

        @Test
        void charactersInOrderOfFirstCue() throws Exception {
            assertThat(sample().characters()).containsExactly("STEEL", "BRICK", "JACK", "DAN",
                    "COGNITO", "MINION", "HANDSOME MAN");
        }

        @Test
        void speechKeepsParentheticalAndText() throws Exception {
            Dialogue toast = all(sample(), Dialogue.class).get(3);

            assertThat(toast.character()).isEqualTo("STEEL");
            assertThat(toast.parentheticals()).containsExactly("(beer raised)");
            assertThat(toast.text()).isEqualTo("To retirement.");
            assertThat(toast.dual()).isFalse();
        }

        @Test
        void dualDialogueMarksBothSpeeches() throws Exception {
            List<Dialogue> dual = all(sample(), Dialogue.class).stream()
                    .filter(Dialogue::dual).toList();

            assertThat(dual).extracting(Dialogue::character).containsExactly("STEEL", "BRICK");
            assertThat(dual).extracting(Dialogue::text)
                    .containsExactly("Screw retirement.", "Screw retirement.");
            assertThat(dual).extracting(Dialogue::line).containsExactly(65, 71);
        }

        @Test
        void textRunsJoinWithTheirLineBreaks() throws Exception {
            Screenplay screenplay = sample();

            assertThat(all(screenplay, Action.class)).extracting(Action::text)
                    .contains("And then there's a long beat.\nLonger than is funny.\n"
                            + "Long enough to be depressing.");
            assertThat(all(screenplay, Centered.class)).extracting(Centered::text)
                    .containsExactly("BRICK BRADDOCK", "& DICK STEEL IN", "BRICK & STEEL",
                            "FULL RETIRED", "THE END");
        }

        @Test
        void matchesTheFountainSource() throws Exception {
            Optional<Path> fountain =
                    ReferenceFiles.find("formats/fountain/brick-and-steel.fountain");
            assumeThat(fountain).isPresent();
            Screenplay fromFountain = FountainParser.parse(fountain.orElseThrow());
            Screenplay fromFdx = sample();

            assertThat(fromFdx.scenes()).extracting(Scene::heading)
                    .isEqualTo(fromFountain.scenes().stream().map(Scene::heading).toList());
            assertThat(fromFdx.characters()).isEqualTo(fromFountain.characters());
            assertThat(all(fromFdx, Dialogue.class)).extracting(Dialogue::text).isEqualTo(
                    all(fromFountain, Dialogue.class).stream().map(Dialogue::text).toList());
            assertThat(Breakdown.of(fromFdx).toJson().path("scenes").size()).isEqualTo(8);
        }
    }

    @Nested
    class Structure {

        @Test
        void sceneNumberComesFromAttribute() throws Exception {
            Screenplay screenplay = parse(body("""
                    <Paragraph Type="Scene Heading" Number="2A"><Text>INT. HOUSE - NIGHT</Text>
                    </Paragraph>
                    """));

            Scene scene = screenplay.scenes().get(0);
            assertThat(scene.number()).contains("2A");
            assertThat(scene.heading()).isEqualTo("INT. HOUSE - NIGHT");
            assertThat(scene.toJson().path("number").asText()).isEqualTo("2A");
        }

        @Test
        void onlyDirectTextOfBodyParagraphsCounts() throws Exception {
            // Arc beats inside SceneProperties and title page paragraphs are not script text.
            Screenplay screenplay = parse("""
                    <FinalDraft DocumentType="Script" Version="4"><Content>
                    <Paragraph Type="Scene Heading"><SceneProperties Length="1/8" Page="1">
                    <SceneArcBeats><CharacterArcBeat Name="EVE"><Paragraph Type="Action">
                    <Text>arc beat</Text></Paragraph></CharacterArcBeat></SceneArcBeats>
                    </SceneProperties><Text>EXT. ROOF - DAWN</Text></Paragraph>
                    <Paragraph Type="Action"><Text>Wind. </Text><Text Style="Bold">Gulls</Text>\
                    <Text>.</Text></Paragraph>
                    </Content><TitlePage><Content><Paragraph Alignment="Center">
                    <Text>TITLE PAGE TEXT</Text></Paragraph></Content></TitlePage></FinalDraft>
                    """);

            assertThat(screenplay.scenes()).extracting(Scene::heading)
                    .containsExactly("EXT. ROOF - DAWN");
            assertThat(screenplay.allElements()).containsExactly(new Action("Wind. **Gulls**.", 6));
        }

        @Test
        void speechCollectsParentheticalsAndDialogue() throws Exception {
            Screenplay screenplay = parse(body("""
                    <Paragraph Type="Scene Heading"><Text>INT. CAR - DAY</Text></Paragraph>
                    <Paragraph Type="Character"><Text>Eve (V.O.)</Text></Paragraph>
                    <Paragraph Type="Parenthetical"><Text>(quietly)</Text></Paragraph>
                    <Paragraph Type="Dialogue"><Text>Drive.</Text></Paragraph>
                    <Paragraph Type="Dialogue"><Text>Now.</Text></Paragraph>
                    <Paragraph Type="Lyric"><Text>La la</Text></Paragraph>
                    <Paragraph Type="Transition"><Text>CUT TO:</Text></Paragraph>
                    """));

            Dialogue speech = all(screenplay, Dialogue.class).get(0);
            assertThat(speech.character()).isEqualTo("EVE");
            assertThat(speech.cue()).isEqualTo("Eve (V.O.)");
            assertThat(speech.extensions()).containsExactly("V.O.");
            assertThat(speech.parentheticals()).containsExactly("(quietly)");
            assertThat(speech.text()).isEqualTo("Drive.\nNow.\n~La la");
            assertThat(speech.line()).isEqualTo(5);
            assertThat(all(screenplay, Transition.class)).containsExactly(
                    new Transition("CUT TO:", 10));
        }

        @Test
        void unknownTypeAndShotReadAsAction() throws Exception {
            Screenplay screenplay = parse(body("""
                    <Paragraph Type="Scene Heading"><Text>INT. LAB - NIGHT</Text></Paragraph>
                    <Paragraph Type="Shot"><Text>CLOSE ON THE DIAL</Text></Paragraph>
                    <Paragraph Type="Cold Opening"><Text>COLD OPEN</Text></Paragraph>
                    <Paragraph Type="General"><Text></Text></Paragraph>
                    """));

            assertThat(screenplay.scenes().get(0).elements()).containsExactly(
                    new Action("CLOSE ON THE DIAL", 5), new Action("COLD OPEN", 6));
        }

        @Test
        void newPageAddsPageBreak() throws Exception {
            Screenplay screenplay = parse(body("""
                    <Paragraph Type="Scene Heading"><Text>INT. A - DAY</Text></Paragraph>
                    <Paragraph Type="Action" StartsNewPage="Yes"><Text>Later.</Text></Paragraph>
                    """));

            assertThat(screenplay.scenes().get(0).elements()).containsExactly(
                    new PageBreak(5), new Action("Later.", 5));
        }

        @Test
        void dualBlockDoesNotMarkTheSpeechBefore() throws Exception {
            Screenplay screenplay = parse(body("""
                    <Paragraph Type="Scene Heading"><Text>INT. A - DAY</Text></Paragraph>
                    <Paragraph Type="Character"><Text>ANN</Text></Paragraph>
                    <Paragraph Type="Dialogue"><Text>Go.</Text></Paragraph>
                    <Paragraph Type="General"><DualDialogue>
                    <Paragraph Type="Character"><Text>BO</Text></Paragraph>
                    <Paragraph Type="Dialogue"><Text>No.</Text></Paragraph>
                    <Paragraph Type="Character"><Text>CY</Text></Paragraph>
                    <Paragraph Type="Dialogue"><Text>Yes.</Text></Paragraph>
                    </DualDialogue><Text></Text></Paragraph>
                    """));

            assertThat(all(screenplay, Dialogue.class)).extracting(Dialogue::character)
                    .containsExactly("ANN", "BO", "CY");
            assertThat(all(screenplay, Dialogue.class)).extracting(Dialogue::dual)
                    .containsExactly(false, true, true);
        }
    }

    @Nested
    class Emphasis {

        @Test
        void stylesBecomeFountainMarkers() {
            assertThat(FdxReader.styled("word", "Italic")).isEqualTo("*word*");
            assertThat(FdxReader.styled("word", "Bold+Underline")).isEqualTo("_**word**_");
            assertThat(FdxReader.styled("Permanently\n", "Underline")).isEqualTo("_Permanently_\n");
            assertThat(FdxReader.styled(" scope", "Underline")).isEqualTo(" _scope_");
            assertThat(FdxReader.styled("guy text", "AllCaps")).isEqualTo("GUY TEXT");
            assertThat(FdxReader.styled("plain", "")).isEqualTo("plain");
        }
    }

    @Nested
    class HostileInput {

        @TempDir
        Path folder;

        @Test
        @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
        void externalEntityIsRejectedUnread() throws Exception {
            Path secret = folder.resolve("secret.txt");
            Files.writeString(secret, "SECRET-CONTENT-42");
            // A named pipe without a writer blocks any reader, so a parser that opened it would
            // never return and this test would time out.
            Path pipe = namedPipe(folder, "probe.fifo");
            String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE FinalDraft [\n"
                    + "<!ENTITY secret SYSTEM \"" + secret.toUri() + "\">\n"
                    + "<!ENTITY probe SYSTEM \"" + pipe.toUri() + "\">\n]>\n"
                    + "<FinalDraft><Content><Paragraph Type=\"Action\">"
                    + "<Text>&secret;&probe;</Text></Paragraph></Content></FinalDraft>\n";

            assertThatThrownBy(() -> FdxParser.parse("evil.fdx",
                    xml.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(ScreenplayException.class)
                    .hasMessageStartingWith("evil.fdx, line 2: the file declares a DOCTYPE")
                    .hasMessageNotContaining("SECRET-CONTENT-42");
        }

        @Test
        @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
        void billionLaughsIsRejected() {
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
                    + "<!ENTITY lol0 \"lol\">\n");
            for (int i = 1; i <= 9; i++) {
                xml.append("<!ENTITY lol").append(i).append(" \"");
                xml.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
            }
            xml.append("]>\n<FinalDraft><Content><Paragraph Type=\"Action\"><Text>&lol9;</Text>"
                    + "</Paragraph></Content></FinalDraft>\n");

            assertThatThrownBy(() -> parse(xml.toString()))
                    .isInstanceOf(ScreenplayException.class)
                    .hasMessageStartingWith("test.fdx, line 2: the file declares a DOCTYPE");
        }

        @Test
        @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
        void externalDtdIsRejectedUnread() throws Exception {
            Path pipe = namedPipe(folder, "finaldraft.dtd");
            String xml = "<?xml version=\"1.0\"?>\n"
                    + "<!DOCTYPE FinalDraft SYSTEM \"" + pipe.toUri() + "\">\n"
                    + "<FinalDraft><Content/></FinalDraft>\n";

            assertThatThrownBy(() -> parse(xml))
                    .isInstanceOf(ScreenplayException.class)
                    .hasMessageContaining("declares a DOCTYPE");
        }

        @Test
        void xincludeIsLeftUnexpanded() throws Exception {
            Path secret = folder.resolve("included.txt");
            Files.writeString(secret, "INCLUDED-CONTENT");
            Screenplay screenplay = parse(body(
                    "<Paragraph Type=\"Scene Heading\"><Text>INT. A - DAY</Text></Paragraph>\n"
                    + "<Paragraph Type=\"Action\"><Text>Here</Text>"
                    + "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\""
                    + secret.toUri() + "\" parse=\"text\"/></Paragraph>\n"));

            assertThat(screenplay.allElements()).containsExactly(new Action("Here", 5));
        }
    }

    @Nested
    class MalformedInput {

        @Test
        void unclosedTagNamesTheLine() {
            String xml = body("""
                    <Paragraph Type="Scene Heading"><Text>INT. A - DAY</Text></Paragraph>
                    <Paragraph Type="Action"><Text>Open</Paragraph>
                    """);

            assertThatThrownBy(() -> parse(xml))
                    .isInstanceOf(ScreenplayException.class)
                    .hasMessageStartingWith("test.fdx, line 5: the file is not well-formed XML")
                    .satisfies(e -> assertThat(((ScreenplayException) e).line()).isEqualTo(5));
        }

        @Test
        void unclosedRootIsMalformed() {
            assertThatThrownBy(() -> parse("<?xml version=\"1.0\"?>\n<FinalDraft><Content>\n"))
                    .isInstanceOf(ScreenplayException.class)
                    // The parser finds the missing end tags at the end of the input, line 3.
                    .hasMessageStartingWith("test.fdx, line 3: the file is not well-formed XML");
        }

        @Test
        void otherRootIsRejected() {
            assertThatThrownBy(() -> parse("<?xml version=\"1.0\"?>\n<fcpxml version=\"1.9\"/>"))
                    .isInstanceOf(ScreenplayException.class)
                    .hasMessage("test.fdx, line 2: the root element is <fcpxml>, not"
                            + " <FinalDraft>, so this is not a Final Draft screenplay");
        }

        @Test
        void oversizeInputIsRejected() {
            byte[] large = new byte[FdxParser.MAX_BYTES + 1];

            assertThatThrownBy(() -> FdxParser.parse("big.fdx", large))
                    .isInstanceOf(ScreenplayException.class)
                    .hasMessageContaining("larger than the limit of 10485760 bytes");
        }
    }

    @Nested
    class FormatChoice {

        @Test
        void extensionPicksFdx() {
            assertThat(ScreenplayFormat.of("act1.FDX", "INT. A - DAY".getBytes()))
                    .isEqualTo(ScreenplayFormat.FDX);
        }

        @Test
        void xmlContentPicksFdx() {
            assertThat(ScreenplayFormat.of("act1.txt", "\uFEFF  <?xml version=\"1.0\"?><x/>"
                    .getBytes(StandardCharsets.UTF_8))).isEqualTo(ScreenplayFormat.FDX);
            assertThat(ScreenplayFormat.of("act1", "<FinalDraft/>".getBytes()))
                    .isEqualTo(ScreenplayFormat.FDX);
        }

        @Test
        void plainTextPicksFountain() {
            assertThat(ScreenplayFormat.of("act1.fountain", "INT. A - DAY\n".getBytes()))
                    .isEqualTo(ScreenplayFormat.FOUNTAIN);
            assertThat(ScreenplayFormat.of("act1.fountain", "> THE END <\n".getBytes()))
                    .isEqualTo(ScreenplayFormat.FOUNTAIN);
        }
    }
}

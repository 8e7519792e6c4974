package io.reelgraph.nodes.screenplay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelgraph.nodes.screenplay.Element.Action;
import io.reelgraph.nodes.screenplay.Element.Centered;
import io.reelgraph.nodes.screenplay.Element.Dialogue;
import io.reelgraph.nodes.screenplay.Element.Lyrics;
import io.reelgraph.nodes.screenplay.Element.Note;
import io.reelgraph.nodes.screenplay.Element.PageBreak;
import io.reelgraph.nodes.screenplay.Element.Section;
import io.reelgraph.nodes.screenplay.Element.Synopsis;
import io.reelgraph.nodes.screenplay.Element.Transition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FountainParserTest {

    private static Screenplay parse(String text) throws ScreenplayException {
        return FountainParser.parse("test.fountain", text);
    }

    private static Scene onlyScene(String text) throws ScreenplayException {
        Screenplay screenplay = parse(text);
        assertThat(screenplay.scenes()).hasSize(1);
        return screenplay.scenes().get(0);
    }

    private static Dialogue onlySpeech(String text) throws ScreenplayException {
        List<Dialogue> speeches = parse(text).allElements().stream()
                .filter(Dialogue.class::isInstance).map(Dialogue.class::cast).toList();
        assertThat(speeches).hasSize(1);
        return speeches.get(0);
    }

    @Nested
    class Input {

        @Test
        void crlfAndLoneCrEndLines() throws Exception {
            Screenplay screenplay = parse("INT. A - DAY\r\n\r\nOne.\rTwo.\r\n\nEXT. B - NIGHT\n\nThree.");

            assertThat(screenplay.scenes()).extracting(Scene::heading)
                    .containsExactly("INT. A - DAY", "EXT. B - NIGHT");
            assertThat(screenplay.scenes().get(0).elements())
                    .containsExactly(new Action("One.\nTwo.", 3));
            assertThat(screenplay.scenes().get(1).elements())
                    .containsExactly(new Action("Three.", 8));
        }

        @Test
        void byteOrderMarkIsStripped() throws Exception {
            byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            byte[] body = "INT. HOUSE - DAY\r\n\r\nRain.".getBytes(StandardCharsets.UTF_8);
            byte[] bytes = Arrays.copyOf(bom, bom.length + body.length);
            System.arraycopy(body, 0, bytes, bom.length, body.length);

            Screenplay screenplay = FountainParser.parse("bom.fountain", bytes);

            assertThat(screenplay.scenes()).extracting(Scene::heading)
                    .containsExactly("INT. HOUSE - DAY");
            assertThat(screenplay.scenes().get(0).line()).isEqualTo(1);
        }

        @Test
        void invalidUtf8NamesSourceAndLine() {
            byte[] bytes = "INT. HOUSE - DAY\n\nCaf\u00e9".getBytes(StandardCharsets.ISO_8859_1);

            assertThatThrownBy(() -> FountainParser.parse("latin1.fountain", bytes))
                    .isInstanceOf(ScreenplayException.class)
                    .hasMessage("latin1.fountain, line 3: the file is not valid UTF-8 (invalid"
                            + " byte at offset 21); save it as UTF-8 and try again")
                    .satisfies(e -> {
                        assertThat(((ScreenplayException) e).source()).isEqualTo("latin1.fountain");
                        assertThat(((ScreenplayException) e).line()).isEqualTo(3);
                    });
        }

        @Test
        void binaryInputIsRejected() {
            byte[] bytes = "INT. HOUSE - DAY\n\n\u0000\u0001PNG".getBytes(StandardCharsets.UTF_8);

            assertThatThrownBy(() -> FountainParser.parse("image.png", bytes))
                    .isInstanceOf(ScreenplayException.class)
                    .hasMessage("image.png, line 3: the text contains the control character"
                            + " U+0000, so it looks like a binary file rather than a Fountain"
                            + " screenplay");
        }

        @Test
        void inputOverTenMebibytesIsRejected() {
            byte[] bytes = new byte[FountainParser.MAX_BYTES + 1];
            Arrays.fill(bytes, (byte) 'a');
            bytes[0] = '\n';

            assertThatThrownBy(() -> FountainParser.parse("huge.fountain", bytes))
                    .isInstanceOf(ScreenplayException.class)
                    .hasMessage("huge.fountain, line 2: the file is larger than the limit of"
                            + " 10485760 bytes (10 MiB); split the screenplay into smaller files");
        }

        @Test
        void textOverTheLimitAsUtf8IsRejected() {
            // Each e-acute is two bytes in UTF-8, so this text is over the limit in bytes only.
            String text = "\u00e9".repeat(FountainParser.MAX_BYTES / 2 + 1);

            assertThatThrownBy(() -> FountainParser.parse("wide.fountain", text))
                    .isInstanceOf(ScreenplayException.class)
                    .hasMessageStartingWith("wide.fountain, line 1: the file is larger");
        }

        @Test
        void inputAtTheLimitIsAccepted() throws Exception {
            byte[] bytes = new byte[FountainParser.MAX_BYTES];
            Arrays.fill(bytes, (byte) 'a');

            assertThat(FountainParser.parse("full.fountain", bytes).elements()).hasSize(1);
        }

        @Test
        void fileIsReadAndNamedByItsPath(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("short.fountain");
            Files.writeString(file, "EXT. PIER - NIGHT\n\nWaves.");

            Screenplay screenplay = FountainParser.parse(file);

            assertThat(screenplay.source()).isEqualTo(file.toString());
            assertThat(screenplay.scenes()).extracting(Scene::heading)
                    .containsExactly("EXT. PIER - NIGHT");
        }

        @Test
        void lastLineNeedsNoNewline() throws Exception {
            Dialogue speech = onlySpeech("GUY\nNothing.");

            assertThat(speech.text()).isEqualTo("Nothing.");
        }
    }

    @Nested
    class TitlePage {

        @Test
        void entriesKeepOrderAndUnknownKeys() throws Exception {
            Screenplay screenplay = parse("Title: Night Market\nRevision: Blue\nLens Kit: Cooke S4"
                    + "\nDraft date: 1/2/2025\n\nINT. MARKET - NIGHT\n\nLanterns.");

            assertThat(screenplay.titlePage()).containsExactly(
                    Map.entry("Title", "Night Market"), Map.entry("Revision", "Blue"),
                    Map.entry("Lens Kit", "Cooke S4"), Map.entry("Draft date", "1/2/2025"));
            assertThat(screenplay.titlePageValue("DRAFT DATE")).contains("1/2/2025");
            assertThat(screenplay.titlePageValue("Author")).isEmpty();
            assertThat(screenplay.scenes().get(0).line()).isEqualTo(6);
        }

        @Test
        void indentedLinesContinueAValue() throws Exception {
            Screenplay screenplay = parse("Title:\n\t_**NIGHT**_\n   MARKET\nContact:\n"
                    + "    Phone: 555 0100\n\nLanterns.");

            assertThat(screenplay.titlePage()).containsExactly(
                    Map.entry("Title", "_**NIGHT**_\nMARKET"),
                    Map.entry("Contact", "Phone: 555 0100"));
            assertThat(screenplay.elements()).containsExactly(new Action("Lanterns.", 7));
        }

        @Test
        void fadeInIsNotATitlePage() throws Exception {
            Screenplay screenplay = parse("FADE IN:\n\nINT. MARKET - NIGHT\n\nLanterns.");

            assertThat(screenplay.titlePage()).isEmpty();
            assertThat(screenplay.elements()).containsExactly(new Action("FADE IN:", 1));
        }

        @Test
        void titlePageOnlyAtTheStart() throws Exception {
            Screenplay screenplay = parse("Lanterns.\n\nTitle: Late\n\nMore.");

            assertThat(screenplay.titlePage()).isEmpty();
            assertThat(screenplay.elements()).extracting(Element::line).containsExactly(1, 3, 5);
        }
    }

    @Nested
    class SceneHeadings {

        @Test
        void headingSplitsIntoIntExtLocationAndTime() throws Exception {
            Scene scene = onlyScene("\nINT. BRICK'S HOUSE - KITCHEN - NIGHT\n\nDishes.");

            assertThat(scene.heading()).isEqualTo("INT. BRICK'S HOUSE - KITCHEN - NIGHT");
            assertThat(scene.intExt()).isEqualTo("INT");
            assertThat(scene.location()).isEqualTo("BRICK'S HOUSE - KITCHEN");
            assertThat(scene.timeOfDay()).isEqualTo("NIGHT");
            assertThat(scene.forced()).isFalse();
            assertThat(scene.number()).isEmpty();
            assertThat(scene.line()).isEqualTo(2);
        }

        @Test
        void locationSplitHandlesCommaYearAndNoSeparator() throws Exception {
            Screenplay screenplay = parse("INT.  WILL'S BEDROOM - NIGHT (1973)\n\n"
                    + "INT. SAN FRANCISCO APARTMENT, DAY\n\nEXT HOUSE DAY\n\nI/E. CAR - MOVING\n\n"
                    + "INT./EXT. TRUCK - DAY\n\nEST. CITY\n\nINT - OFFICE - LATER");

            assertThat(screenplay.scenes()).extracting(Scene::intExt)
                    .containsExactly("INT", "INT", "EXT", "INT/EXT", "INT/EXT", "EST", "INT");
            assertThat(screenplay.scenes()).extracting(Scene::location).containsExactly(
                    "WILL'S BEDROOM", "SAN FRANCISCO APARTMENT", "HOUSE", "CAR", "TRUCK", "CITY",
                    "OFFICE");
            assertThat(screenplay.scenes()).extracting(Scene::timeOfDay).containsExactly(
                    "NIGHT (1973)", "DAY", "DAY", "MOVING", "DAY", "", "LATER");
        }

        @Test
        void headingWithoutBlankLineAfterIsCue() throws Exception {
            // Fountain's character rule wins: an upper-case line with text right below it.
            Screenplay screenplay = parse("INT. HOUSE - DAY\nEXT. HOUSE - DAY\n\nThen.");

            assertThat(screenplay.scenes()).isEmpty();
            assertThat(screenplay.characters()).containsExactly("INT. HOUSE - DAY");
            assertThat(screenplay.elements()).last().isEqualTo(new Action("Then.", 4));
        }

        @Test
        void lowerCaseHeadingWithoutBlankLineAfterIsAction() throws Exception {
            Screenplay screenplay = parse("int. house - day\nHe waits.\n\nThen.");

            assertThat(screenplay.scenes()).isEmpty();
            assertThat(screenplay.characters()).isEmpty();
            assertThat(screenplay.elements()).first()
                    .isEqualTo(new Action("int. house - day\nHe waits.", 1));
        }

        @Test
        void forcedHeadingWithoutTimeWordStaysWhole() throws Exception {
            Screenplay screenplay = parse(".INSERT - INSIDE THE BOX\n\nA key.");

            assertThat(screenplay.scenes()).extracting(Scene::location)
                    .containsExactly("INSERT - INSIDE THE BOX");
            assertThat(screenplay.scenes()).extracting(Scene::timeOfDay).containsExactly("");
        }

        @Test
        void headingNeedsBlankLineBefore() throws Exception {
            Screenplay screenplay = parse("He waits.\nINT. HOUSE - DAY\n\nThen.");

            assertThat(screenplay.scenes()).isEmpty();
            assertThat(screenplay.elements()).first()
                    .isEqualTo(new Action("He waits.\nINT. HOUSE - DAY", 1));
        }

        @Test
        void prefixNeedsDotOrSpace() throws Exception {
            Screenplay screenplay = parse("ESTABLISHING\n\nINTERNAL AFFAIRS OFFICE\n\nEXTRA");

            assertThat(screenplay.scenes()).isEmpty();
        }

        @Test
        void singleDotForcesAHeadingButEllipsisDoesNot() throws Exception {
            Screenplay screenplay = parse(".SNIPER SCOPE POV\n\n...and then.\n\n.2ND UNIT\n\nGo.");

            assertThat(screenplay.scenes()).extracting(Scene::heading)
                    .containsExactly("SNIPER SCOPE POV", "2ND UNIT");
            Scene scope = screenplay.scenes().get(0);
            assertThat(scope.forced()).isTrue();
            assertThat(scope.intExt()).isEmpty();
            assertThat(scope.location()).isEqualTo("SNIPER SCOPE POV");
            assertThat(scope.elements()).containsExactly(new Action("...and then.", 3));
        }

        @Test
        void sceneNumberIsStrippedAndKept() throws Exception {
            Scene scene = onlyScene("INT. HOUSE - DAY - FLASHBACK (1944) #110A#\n\nDust.");

            assertThat(scene.number()).contains("110A");
            assertThat(scene.heading()).isEqualTo("INT. HOUSE - DAY - FLASHBACK (1944)");
            assertThat(scene.location()).isEqualTo("HOUSE");
            assertThat(scene.timeOfDay()).isEqualTo("DAY - FLASHBACK (1944)");
        }

        @Test
        void scenesAreIndexedInOrder() throws Exception {
            Screenplay screenplay = parse("INT. A - DAY #7#\n\nEXT. B - DAY\n\n.C");

            assertThat(screenplay.scenes()).extracting(Scene::index).containsExactly(1, 2, 3);
            assertThat(screenplay.scenes()).extracting(Scene::key)
                    .containsExactly("scene-1", "scene-2", "scene-3");
        }

        @Test
        void textBeforeFirstHeadingBelongsToNoScene() throws Exception {
            Screenplay screenplay = parse("FADE IN:\n\nINT. A - DAY\n\nInside.");

            assertThat(screenplay.elements()).containsExactly(new Action("FADE IN:", 1));
            assertThat(screenplay.scenes().get(0).elements())
                    .containsExactly(new Action("Inside.", 5));
        }
    }

    @Nested
    class Characters {

        @Test
        void extensionsAndContdAreStrippedFromTheName() throws Exception {
            Dialogue speech = onlySpeech("EDWARD (V.O.)(CONT\u2019D)\nOnce upon a time.");

            assertThat(speech.character()).isEqualTo("EDWARD");
            assertThat(speech.cue()).isEqualTo("EDWARD (V.O.)(CONT\u2019D)");
            assertThat(speech.extensions()).containsExactly("V.O.", "CONT\u2019D");
        }

        @Test
        void lowerCaseExtensionsAreAllowed() throws Exception {
            Dialogue speech = onlySpeech("HANS (on the radio) (cont'd)\nNow.");

            assertThat(speech.character()).isEqualTo("HANS");
            assertThat(speech.extensions()).containsExactly("on the radio", "cont'd");
        }

        @Test
        void nameNeedsALetter() throws Exception {
            Screenplay screenplay = parse("R2D2\nBleep.\n\n23 (O.S.)\nNo letter.");

            assertThat(screenplay.characters()).containsExactly("R2D2");
            assertThat(screenplay.elements())
                    .contains(new Action("23 (O.S.)\nNo letter.", 4));
        }

        @Test
        void mixedCaseNameIsActionUnlessForced() throws Exception {
            Screenplay screenplay = parse("McDUCK\nI'm vegan.\n\n@McCLANE\nYippee.");

            assertThat(screenplay.elements()).containsExactly(
                    new Action("McDUCK\nI'm vegan.", 1),
                    new Dialogue("MCCLANE", "@McCLANE", List.of(), List.of(), "Yippee.", 4,
                            false));
        }

        @Test
        void cueNeedsTextAfterIt() throws Exception {
            Screenplay screenplay = parse("BANG\n\nBANG");

            assertThat(screenplay.elements())
                    .containsExactly(new Action("BANG", 1), new Action("BANG", 3));
        }

        @Test
        void cueNeedsBlankLineBefore() throws Exception {
            Screenplay screenplay = parse("He shouts.\nSTOP\nNow.");

            assertThat(screenplay.elements())
                    .containsExactly(new Action("He shouts.\nSTOP\nNow.", 1));
        }

        @Test
        void sceneCharactersInCueOrder() throws Exception {
            Scene scene = onlyScene("INT. A - DAY\n\nDAN\nHi.\n\nJACK (O.S.)\nHey.\n\n"
                    + "DAN (CONT'D)\nSo.\n\nJACK ^\nSo.");

            assertThat(scene.characters()).containsExactly("DAN", "JACK");
        }
    }

    @Nested
    class Dialogues {

        @Test
        void parentheticalsAreCollectedInOrder() throws Exception {
            Dialogue speech = onlySpeech("STEEL\n(pause)\nOne.\n(beat)\nTwo.\n(leaves)");

            assertThat(speech.parentheticals()).containsExactly("(pause)", "(beat)", "(leaves)");
            assertThat(speech.text()).isEqualTo("One.\nTwo.");
        }

        @Test
        void twoSpaceLineKeepsTheSpeechTogether() throws Exception {
            Dialogue speech = onlySpeech("ADAM\nFirst.\n  \nSecond.");

            assertThat(speech.text()).isEqualTo("First.\n\nSecond.");
        }

        @Test
        void otherWhitespaceLineEndsSpeech() throws Exception {
            Screenplay screenplay = parse("ADAM\nFirst.\n \nSecond.");

            assertThat(screenplay.elements()).hasSize(2);
            assertThat(screenplay.elements().get(1)).isEqualTo(new Action("Second.", 4));
        }

        @Test
        void indentationIsIgnored() throws Exception {
            Dialogue speech = onlySpeech("\t\tEVE\n\t  (feeling cocky)\n\tWell, then.  ");

            assertThat(speech.cue()).isEqualTo("EVE");
            assertThat(speech.parentheticals()).containsExactly("(feeling cocky)");
            assertThat(speech.text()).isEqualTo("Well, then.");
        }

        @Test
        void allCapsLinesUnderACueAreDialogue() throws Exception {
            Dialogue speech = onlySpeech("EVE\nME TOO!\nCUT TO:");

            assertThat(speech.text()).isEqualTo("ME TOO!\nCUT TO:");
        }

        @Test
        void caretPairsWithThePreviousSpeech() throws Exception {
            Screenplay screenplay = parse("BRICK\nScrew it.\n\nSTEEL^\nScrew it.\n\nDAN\nWhat?");

            assertThat(screenplay.elements()).extracting(e -> ((Dialogue) e).dual())
                    .containsExactly(true, true, false);
            assertThat(((Dialogue) screenplay.elements().get(1)).character()).isEqualTo("STEEL");
        }

        @Test
        void caretAfterActionPairsWithNothing() throws Exception {
            Screenplay screenplay = parse("BRICK\nNo.\n\nHe leaves.\n\nSTEEL ^\nYes.");

            assertThat(screenplay.elements()).filteredOn(Dialogue.class::isInstance)
                    .extracting(e -> ((Dialogue) e).dual()).containsExactly(false, true);
        }

        @Test
        void lyricsOutsideSpeechAreLyrics() throws Exception {
            Screenplay screenplay = parse("~Willy Wonka!\n~Willy Wonka!\n\nHe bows.");

            assertThat(screenplay.elements()).containsExactly(
                    new Lyrics("Willy Wonka!\nWilly Wonka!", 1), new Action("He bows.", 4));
        }
    }

    @Nested
    class Transitions {

        @Test
        void upperCaseEndingInToIsATransition() throws Exception {
            Scene scene = onlyScene("INT. A - DAY\n\nGone.\n\n\t\t\t\tCUT TO:\n\nFADE IN:");

            assertThat(scene.elements()).containsExactly(new Action("Gone.", 3),
                    new Transition("CUT TO:", 5), new Action("FADE IN:", 7));
        }

        @Test
        void transitionNeedsBlankLinesAround() throws Exception {
            Screenplay screenplay = parse("Gone.\nCUT TO:\n\nNext.");

            assertThat(screenplay.elements()).first().isEqualTo(new Action("Gone.\nCUT TO:", 1));
        }

        @Test
        void trailingSpacesMakeItAction() throws Exception {
            assertThat(parse("CUT TO:  ").elements()).containsExactly(new Action("CUT TO:", 1));
        }

        @Test
        void forcedTransitionAndCenteredText() throws Exception {
            Screenplay screenplay = parse("> Burn to White.\n\n>THE END<\n\n>   Lots   <");

            assertThat(screenplay.elements()).containsExactly(new Transition("Burn to White.", 1),
                    new Centered("THE END", 3), new Centered("Lots", 5));
        }
    }

    @Nested
    class NotesAndBoneyard {

        @Test
        void inlineNoteIsTakenOutOfAction() throws Exception {
            Screenplay screenplay = parse("This is an [[internal]] note.");

            assertThat(screenplay.elements()).containsExactly(
                    new Action("This is an note.", 1), new Note("internal", 1));
        }

        @Test
        void noteSpanningLinesKeepsLineNumbersAfterIt() throws Exception {
            Screenplay screenplay = parse("[[Check\n  \nthe lens]]\n\nINT. A - DAY\n\nRain.");

            assertThat(screenplay.elements()).containsExactly(new Note("Check\n  \nthe lens", 1));
            assertThat(screenplay.scenes().get(0).line()).isEqualTo(5);
            assertThat(screenplay.scenes().get(0).elements())
                    .containsExactly(new Action("Rain.", 7));
        }

        @Test
        void noteWithBlankLineIsNotANote() throws Exception {
            Screenplay screenplay = parse("This is not [[a\n\nproper note]].");

            assertThat(screenplay.elements()).containsExactly(
                    new Action("This is not [[a", 1), new Action("proper note]].", 3));
        }

        @Test
        void noteInsideSpeechFollowsTheSpeech() throws Exception {
            Screenplay screenplay = parse("STEEL\n[[too long]]\nHello.\n\nBRICK ^\nHi.");

            assertThat(screenplay.elements()).containsExactly(
                    new Dialogue("STEEL", "STEEL", List.of(), List.of(), "Hello.", 1, true),
                    new Note("too long", 2),
                    new Dialogue("BRICK", "BRICK ^", List.of(), List.of(), "Hi.", 5, true));
        }

        @Test
        void multiLineBoneyardHidesAWholeScene() throws Exception {
            Screenplay screenplay = parse("INT. A - DAY\n\nOne.\n\n/*\nINT. B - DAY\n\nTwo.\n*/"
                    + "\n\nEXT. C - DAY\n\nThree.");

            assertThat(screenplay.scenes()).extracting(Scene::heading)
                    .containsExactly("INT. A - DAY", "EXT. C - DAY");
            assertThat(screenplay.scenes().get(1).line()).isEqualTo(11);
            assertThat(screenplay.scenes().get(1).elements())
                    .containsExactly(new Action("Three.", 13));
        }

        @Test
        void unclosedBoneyardStaysAsText() throws Exception {
            assertThat(parse("Keep /* this").elements())
                    .containsExactly(new Action("Keep /* this", 1));
        }
    }

    @Nested
    class OtherElements {

        @Test
        void sectionsSynopsesAndPageBreaks() throws Exception {
            Screenplay screenplay = parse("# Act 1\n= The hero leaves.\n### Beat\n\n===\n\n"
                    + "=========\nAfter.");

            assertThat(screenplay.elements()).containsExactly(new Section("Act 1", 1, 1),
                    new Synopsis("The hero leaves.", 2), new Section("Beat", 3, 3),
                    new PageBreak(5), new PageBreak(7), new Action("After.", 8));
        }

        @Test
        void actionKeepsLineBreaksIndentationAndEmphasis() throws Exception {
            Screenplay screenplay = parse("\tTabbed *one*\n  Two **bold**\n_Three_");

            assertThat(screenplay.elements()).containsExactly(
                    new Action("    Tabbed *one*\n  Two **bold**\n_Three_", 1));
        }

        @Test
        void exclamationForcesAction() throws Exception {
            Screenplay screenplay = parse("\n!INT. HOUSE - DAY\n\n!CUT TO:\n\n!BANG\nBANG");

            assertThat(screenplay.scenes()).isEmpty();
            assertThat(screenplay.elements()).containsExactly(
                    new Action("INT. HOUSE - DAY", 2), new Action("CUT TO:", 4),
                    new Action("BANG\nBANG", 6));
        }

        @Test
        void emptyInputHasNothing() throws Exception {
            Screenplay screenplay = parse("");

            assertThat(screenplay.titlePage()).isEmpty();
            assertThat(screenplay.scenes()).isEmpty();
            assertThat(screenplay.elements()).isEmpty();
        }
    }

    @Nested
    class Shots {

        @Test
        void eachActionParagraphStartsAShot() throws Exception {
            Scene scene = onlyScene("INT. A - DAY\n\nDoor opens.\n\nDAN\nHi.\n\nJACK\nHey.\n\n"
                    + "They sit.\n\nDAN\nSo.");

            assertThat(scene.shots()).containsExactly(
                    new Shot(1, "Door opens.", List.of("DAN", "JACK"), 3),
                    new Shot(2, "They sit.", List.of("DAN"), 11));
        }

        @Test
        void sceneWithoutActionGetsAHeadingShot() throws Exception {
            Scene scene = onlyScene("INT. A - DAY\n\nDAN\nHi.\n\nJACK\nHey.");

            assertThat(scene.shots())
                    .containsExactly(new Shot(1, "INT. A - DAY", List.of("DAN", "JACK"), 1));
        }

        @Test
        void speechBeforeFirstActionGetsAHeadingShot() throws Exception {
            Scene scene = onlyScene("INT. A - DAY\n\nDAN (V.O.)\nOnce.\n\nA door.");

            assertThat(scene.shots()).containsExactly(
                    new Shot(1, "INT. A - DAY", List.of("DAN"), 1),
                    new Shot(2, "A door.", List.of(), 6));
        }

        @Test
        void emptySceneGetsOneHeadingShot() throws Exception {
            Scene scene = onlyScene("EXT. B - NIGHT");

            assertThat(scene.shots()).containsExactly(new Shot(1, "EXT. B - NIGHT", List.of(), 1));
        }
    }

    @Test
    void elementsKeepTheirStartLine() throws Exception {
        Screenplay screenplay = parse("Title: T\n\nINT. A - DAY\n\nOne.\nTwo.\n\nDAN\n(softly)\n"
                + "Hi.\n\nCUT TO:\n\n# Part\n= Sum\n\n===\n\n~La\n\n>Mid<");

        assertThat(screenplay.scenes().get(0).line()).isEqualTo(3);
        assertThat(screenplay.scenes().get(0).elements()).extracting(Element::line)
                .containsExactly(5, 8, 12, 14, 15, 17, 19, 21);
        assertThat(Optional.of(screenplay.titlePage())).contains(Map.of("Title", "T"));
    }
}

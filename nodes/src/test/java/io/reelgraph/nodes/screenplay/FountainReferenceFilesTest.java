package io.reelgraph.nodes.screenplay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.reelgraph.engine.testing.ReferenceFiles;
import io.reelgraph.nodes.screenplay.Element.Action;
import io.reelgraph.nodes.screenplay.Element.Centered;
import io.reelgraph.nodes.screenplay.Element.Dialogue;
import io.reelgraph.nodes.screenplay.Element.Note;
import io.reelgraph.nodes.screenplay.Element.PageBreak;
import io.reelgraph.nodes.screenplay.Element.Section;
import io.reelgraph.nodes.screenplay.Element.Synopsis;
import io.reelgraph.nodes.screenplay.Element.Transition;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Parses the public Fountain samples in the shared reference folder, read in place because their
 * licenses allow them as test fixtures only, and checks the results that nyousefi/Fountain's test
 * suite and two other parsers (fountain-js 1.2.4 and screenplain) agree on.
 */
class FountainReferenceFilesTest {

    private static Screenplay parse(String name) throws Exception {
        Optional<Path> file = ReferenceFiles.find("formats/fountain/" + name);
        assumeThat(file).as("reference file formats/fountain/%s", name).isPresent();
        return FountainParser.parse(file.orElseThrow());
    }

    private static <T extends Element> List<T> all(Screenplay screenplay, Class<T> type) {
        return screenplay.allElements().stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<String> headings(Screenplay screenplay) {
        return screenplay.scenes().stream().map(Scene::heading).toList();
    }

    @Nested
    class BrickAndSteel {

        @Test
        void hasEightScenesWithTheListedHeadings() throws Exception {
            Screenplay screenplay = parse("brick-and-steel.fountain");

            assertThat(headings(screenplay)).containsExactly(
                    "EXT. BRICK'S PATIO - DAY", "INT. TRAILER HOME - DAY",
                    "EXT. BRICK'S POOL - DAY", "SNIPER SCOPE POV", "OPENING TITLES",
                    "EXT. WOODEN SHACK - DAY", "INT. GARAGE - DAY", "EXT. PALATIAL MANSION - DAY");
            assertThat(screenplay.scenes()).extracting(Scene::forced)
                    .containsExactly(false, false, false, true, true, false, false, false);
            assertThat(screenplay.scenes()).extracting(Scene::line)
                    .containsExactly(13, 53, 69, 80, 95, 105, 129, 144);
        }

        @Test
        void hasSevenCharactersInOrderOfFirstCue() throws Exception {
            Screenplay screenplay = parse("brick-and-steel.fountain");

            assertThat(screenplay.characters()).containsExactly(
                    "STEEL", "BRICK", "JACK", "DAN", "COGNITO", "MINION", "HANDSOME MAN");
        }

        @Test
        void countsMatchOtherParsers() throws Exception {
            Screenplay screenplay = parse("brick-and-steel.fountain");

            assertThat(all(screenplay, Dialogue.class)).hasSize(20);
            assertThat(all(screenplay, Transition.class)).extracting(Transition::text)
                    .containsExactly("SMASH CUT TO:", "CUT TO:", "CUT TO:", "SMASH CUT TO:",
                            "CUT TO:", "CUT TO:", "BURN TO PINK.");
            assertThat(all(screenplay, Section.class)).isEmpty();
            assertThat(all(screenplay, PageBreak.class)).isEmpty();
            assertThat(screenplay.scenes()).allSatisfy(
                    scene -> assertThat(scene.number()).isEmpty());
        }

        @Test
        void pairsOneDualDialogue() throws Exception {
            Screenplay screenplay = parse("brick-and-steel.fountain");

            List<Dialogue> dual = all(screenplay, Dialogue.class).stream()
                    .filter(Dialogue::dual).toList();
            assertThat(dual).extracting(Dialogue::cue).containsExactly("STEEL", "BRICK ^");
            assertThat(dual).extracting(Dialogue::character).containsExactly("STEEL", "BRICK");
            assertThat(dual).extracting(Dialogue::line).containsExactly(45, 48);
        }

        @Test
        void titlePageHasSixEntries() throws Exception {
            Screenplay screenplay = parse("brick-and-steel.fountain");

            assertThat(screenplay.titlePage()).containsOnlyKeys(
                    "Title", "Credit", "Author", "Source", "Draft date", "Contact");
            assertThat(List.copyOf(screenplay.titlePage().keySet())).containsExactly(
                    "Title", "Credit", "Author", "Source", "Draft date", "Contact");
            assertThat(screenplay.titlePage().get("Title"))
                    .isEqualTo("_**BRICK & STEEL**_\n_**FULL RETIRED**_");
            assertThat(screenplay.titlePage().get("Contact"))
                    .isEqualTo("Next Level Productions\n1588 Mission Dr.\nSolvang, CA 93463");
            assertThat(screenplay.elements()).isEmpty();
        }

        @Test
        void indentedSpeechDropsItsIndentation() throws Exception {
            Scene trailer = parse("brick-and-steel.fountain").scenes().get(1);

            Dialogue jack = trailer.dialogue().get(0);
            assertThat(jack.cue()).isEqualTo("JACK");
            assertThat(jack.parentheticals()).containsExactly("(in Vietnamese, subtitled)");
            assertThat(jack.text()).isEqualTo("*Did you know Brick and Steel are retired?*");
            assertThat(jack.line()).isEqualTo(57);
            assertThat(trailer.transitions()).extracting(Transition::text)
                    .containsExactly("CUT TO:");
        }

        @Test
        void centeredTitlesAreOneElementPerLine() throws Exception {
            Scene titles = parse("brick-and-steel.fountain").scenes().get(4);

            assertThat(titles.elements()).filteredOn(Centered.class::isInstance)
                    .extracting(Element::line).containsExactly(97, 98, 100, 101);
            assertThat(titles.shots()).containsExactly(
                    new Shot(1, "OPENING TITLES", List.of(), 95));
        }
    }

    @Test
    void sceneHeadersAcceptEveryPrefixAndRejectTraps() throws Exception {
        Screenplay screenplay = parse("nyousefi-SceneHeaders.fountain");

        assertThat(headings(screenplay)).containsExactly(
                "INT. HOUSE - DAY", "EXT. HOUSE - DAY", "INT HOUSE DAY", "EXT HOUSE DAY",
                "INT/EXT. HOUSE - DAY", "INT./EXT. HOUSE - DAY", "I/E. HOUSE - DAY",
                "I./E. HOUSE - DAY", "I/E HOUSE DAY", "INT - HOUSE - DAY", "EXT - HOUSE - DAY",
                "EST. HOUSE - DAY", "EST HOUSE DAY", "INT. HOUSE - DAY (1979)", "KITCHEN",
                "int. house - day");
        // Like fountain-js and screenplain, the heading with no blank line after it is a cue.
        assertThat(screenplay.characters()).containsExactly("INT. HOUSE - DAY");
        Scene kitchen = screenplay.scenes().get(14);
        assertThat(kitchen.elements()).first()
                .isEqualTo(new Action("... not a scene header.", 31));
        assertThat(kitchen.elements()).last().isEqualTo(new Action("ESTABLISHING", 36));
    }

    @Test
    void sceneNumbersAreTakenOffTheHeading() throws Exception {
        Screenplay screenplay = parse("nyousefi-SceneNumbers.fountain");

        assertThat(screenplay.scenes()).extracting(scene -> scene.number().orElseThrow())
                .containsExactly("1", "1A", "1a", "A1", "I-1-A", "1.", "110A");
        assertThat(headings(screenplay)).containsExactly(
                "INT. HOUSE - DAY", "INT. HOUSE - DAY", "INT. HOUSE - DAY", "INT. HOUSE - DAY",
                "INT. HOUSE - DAY", "INT. HOUSE - DAY", "INT. HOUSE - DAY - FLASHBACK (1944)");
    }

    @Test
    void dialogueCuesFollowTheCueRules() throws Exception {
        Screenplay screenplay = parse("nyousefi-Dialogue.fountain");

        List<Dialogue> speeches = all(screenplay, Dialogue.class);
        assertThat(speeches).extracting(Dialogue::cue).containsExactly(
                "ADAM", "EVE (O.S.)", "ADAM", "EVE", "EVE (cont'd)", "ADAM", "EVE", "ADAM",
                "EVE ^", "R2D2", "ADAM", "EVE");
        assertThat(screenplay.characters()).containsExactly("ADAM", "EVE", "R2D2");
        assertThat(speeches.get(3).text()).isEqualTo("ME TOO!");
        assertThat(speeches.get(4).extensions()).containsExactly("cont'd");
        assertThat(speeches.get(6).parentheticals()).containsExactly("(kissing him)");
        assertThat(speeches.get(9).parentheticals())
                .containsExactly("(*This is a valid character cue.*)");
        assertThat(speeches).filteredOn(Dialogue::dual).extracting(Dialogue::line)
                .containsExactly(26, 29);
        assertThat(screenplay.elements()).contains(
                new Action("23 (O.S.)\nCharacter name must include a letter", 36));
        assertThat(speeches.get(10).text()).isEqualTo("That was really weird.\n"
                + "I can be weird to. Here's\na space in the dialogue\nblock\n\n"
                + "for absolutely no good\nreason.");
        assertThat(speeches.get(11).parentheticals()).containsExactly("(feeling cocky)");
        assertThat(speeches.get(11).text()).isEqualTo("Well, then I'll just indent!");
    }

    @Test
    void forcedElementsKeepTheirKind() throws Exception {
        Screenplay screenplay = parse("nyousefi-ForcedElements.fountain");

        assertThat(screenplay.elements()).containsExactly(
                new Action("BANG\nBANG\nBANG", 1),
                new Dialogue("MCDUCK", "@McDUCK", List.of(), List.of(), "I'm vegan.", 5, false),
                new Dialogue("SINGER", "SINGER", List.of(), List.of(),
                        "~These are the songs\n~That I sing.", 8, false));
    }

    @Test
    void transitionsFollowTheToRule() throws Exception {
        Screenplay screenplay = parse("nyousefi-Transitions.fountain");

        assertThat(screenplay.elements()).containsExactly(
                new Transition("CUT TO:", 1), new Transition("SMASH CUT TO:", 3),
                new Transition("FADE TO BLACK.", 5),
                new Transition("NOT A STANDARD TRANSITION:", 7), new Action("CUT TO:", 9),
                new Transition("GO TO:", 11), new Transition("TO:", 13));
    }

    @Test
    void centeredTextNeedsBothBrackets() throws Exception {
        Screenplay screenplay = parse("nyousefi-CenteredText.fountain");

        assertThat(screenplay.elements()).containsExactly(
                new Centered("Centered", 1), new Transition("Not centered", 3),
                new Centered("No space", 5), new Centered("Lots of Space", 7));
    }

    @Test
    void boneyardIsDropped() throws Exception {
        Screenplay screenplay = parse("nyousefi-Boneyard.fountain");

        assertThat(screenplay.elements()).containsExactly(
                new Action("A line of action.", 1), new Action("This is an boneyard.", 11));
    }

    @Test
    void sectionsAndSynopsesNeedNoBlankLines() throws Exception {
        Screenplay screenplay = parse("nyousefi-Sections-Complex.fountain");

        assertThat(screenplay.elements()).containsExactly(
                new Section("Act 1", 1, 1), new Synopsis("Synopsis 1", 2));
        assertThat(screenplay.scenes()).hasSize(2);
        assertThat(screenplay.scenes().get(0).elements()).containsExactly(
                new Section("Act 2", 1, 6), new Section("Sequence 1", 2, 7));
    }

    @Test
    void simpleScriptHasOneOfAlmostEverything() throws Exception {
        Screenplay screenplay = parse("nyousefi-Simple.fountain");

        assertThat(screenplay.titlePage()).containsExactly(
                java.util.Map.entry("Title", "A Simple Script"),
                java.util.Map.entry("Author", "Nima Yousefi"),
                java.util.Map.entry("Draft date", "2/1/2012"));
        assertThat(screenplay.elements()).containsExactly(new Action("FADE IN:", 6));
        assertThat(headings(screenplay)).containsExactly(
                "INT. OFFICE - MORNING", "ext. house - day", "FORCED SCENE HEADING");
        assertThat(screenplay.characters()).containsExactly("MAN");
        assertThat(all(screenplay, Transition.class)).containsExactly(
                new Transition("Burn to White.", 22));
        assertThat(all(screenplay, Section.class)).containsExactly(
                new Section("Section 1", 1, 34), new Section("Section 1-1", 2, 38));
        assertThat(all(screenplay, PageBreak.class)).containsExactly(new PageBreak(16));
        assertThat(all(screenplay, Note.class)).extracting(Note::line).containsExactly(26, 50);
        assertThat(all(screenplay, Action.class)).extracting(Action::text)
                .doesNotContain("This text is in the boneyard.")
                .contains("... Not a forced scene heading", "CUT TO:");
    }

    @Test
    void bomFileKeepsFirstHeading() throws Exception {
        Screenplay screenplay = parse("screenplain-utf-8-bom.fountain");

        assertThat(headings(screenplay)).containsExactly("EXT. SOMEWHERE - DAY");
        assertThat(screenplay.scenes().get(0).line()).isEqualTo(1);
        assertThat(screenplay.characters()).containsExactly("GUY", "GURL");
        assertThat(all(screenplay, Dialogue.class)).extracting(Dialogue::text)
                .containsExactly("So what's up?", "Nothing much.\nJust thinking.\nAnd you?",
                        "Nothing.");
    }
}

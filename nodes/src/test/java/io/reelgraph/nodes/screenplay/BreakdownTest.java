package io.reelgraph.nodes.screenplay;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgraph.engine.artifact.JsonSupport;
import io.reelgraph.nodes.screenplay.Breakdown.CharacterEntry;
import io.reelgraph.nodes.screenplay.Breakdown.SceneEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class BreakdownTest {

    private static final String SCRIPT = "INT. KITCHEN - DAY #12A#\n\nTea.\n\nMOM\nSit.\n\n"
            + "KID (O.S.)\nNo.\n\nMOM (CONT'D)\nSit!\n\nEXT. YARD - NIGHT\n\nKID\nStars.\n\n"
            + ".ROOF\n\nSilence.";

    private static Breakdown breakdown() throws ScreenplayException {
        return Breakdown.of(FountainParser.parse("kitchen.fountain", SCRIPT));
    }

    @Test
    void scenesUseNumberOrIndex() throws Exception {
        assertThat(breakdown().scenes()).containsExactly(
                new SceneEntry("12A", "INT. KITCHEN - DAY", "KITCHEN", "DAY",
                        List.of("MOM", "KID"), 1),
                new SceneEntry("2", "EXT. YARD - NIGHT", "YARD", "NIGHT", List.of("KID"), 14),
                new SceneEntry("3", "ROOF", "ROOF", "", List.of(), 19));
    }

    @Test
    void charactersCountSpeechesAndListScenes() throws Exception {
        assertThat(breakdown().characters()).containsExactly(
                new CharacterEntry("MOM", List.of("12A"), 2),
                new CharacterEntry("KID", List.of("12A", "2"), 2));
    }

    @Test
    void speechBeforeFirstSceneCountsWithoutScene() throws Exception {
        Breakdown breakdown = Breakdown.of(
                FountainParser.parse("cold-open.fountain", "NARRATOR\nLong ago.\n\n.CASTLE"));

        assertThat(breakdown.characters())
                .containsExactly(new CharacterEntry("NARRATOR", List.of(), 1));
    }

    @Test
    void jsonHasExactShape() throws Exception {
        assertThat(breakdown().toJson()).isEqualTo(JsonSupport.parseTrusted("""
                {"source":"kitchen.fountain",
                 "scenes":[
                   {"number":"12A","heading":"INT. KITCHEN - DAY","location":"KITCHEN",
                    "timeOfDay":"DAY","characters":["MOM","KID"],"line":1},
                   {"number":"2","heading":"EXT. YARD - NIGHT","location":"YARD",
                    "timeOfDay":"NIGHT","characters":["KID"],"line":14},
                   {"number":"3","heading":"ROOF","location":"ROOF","timeOfDay":"",
                    "characters":[],"line":19}],
                 "characters":[
                   {"name":"MOM","scenes":["12A"],"dialogueLines":2},
                   {"name":"KID","scenes":["12A","2"],"dialogueLines":2}]}
                """));
        assertThat(breakdown().toJson().fieldNames()).toIterable()
                .containsExactly("source", "scenes", "characters");
    }

    @Test
    void textRendersAlignedTables() throws Exception {
        assertThat(breakdown().toText()).isEqualTo("""
                kitchen.fountain

                Scene  Heading             Line  Characters
                -----  ------------------  ----  ----------
                12A    INT. KITCHEN - DAY  1     MOM, KID
                2      EXT. YARD - NIGHT   14    KID
                3      ROOF                19

                Character  Speeches  Scenes
                ---------  --------  ------
                MOM        2         12A
                KID        2         12A, 2
                """);
    }
}

package io.reelgraph.nodes.screenplay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.artifact.JsonSupport;
import io.reelgraph.nodes.screenplay.Element.Action;
import io.reelgraph.nodes.screenplay.Element.Dialogue;
import io.reelgraph.nodes.screenplay.Element.Transition;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ScreenplayJsonTest {

    private static final String SCRIPT = "Title: Pier\n\nFADE IN:\n\nDAN\nBefore.\n\n"
            + "EXT. PIER - NIGHT #4B#\n\nWaves hit the posts.\n\nDAN (V.O.)\n(quietly)\nShe left.\n"
            + "(beat)\nAgain.\n\nANNA ^\nI know.\n\nA gull lands.\n\nCUT TO:\n\n"
            + ".BLACK\n\nANNA\nNothing.";

    private static Screenplay screenplay() throws ScreenplayException {
        return FountainParser.parse("pier.fountain", SCRIPT);
    }

    @Nested
    class SceneJson {

        @Test
        void sceneJsonHasExactMembersInOrder() throws Exception {
            Scene pier = screenplay().scenes().get(0);

            JsonNode expected = JsonSupport.parseTrusted("""
                    {"index":1,"number":"4B","heading":"EXT. PIER - NIGHT","intExt":"EXT",
                     "location":"PIER","timeOfDay":"NIGHT","forced":false,"line":8,
                     "characters":["DAN","ANNA"],
                     "action":"Waves hit the posts.\\n\\nA gull lands.",
                     "dialogue":[
                       {"character":"DAN","cue":"DAN (V.O.)","extensions":["V.O."],
                        "parenthetical":"(quietly)\\n(beat)","text":"She left.\\nAgain.",
                        "line":12,"dual":true},
                       {"character":"ANNA","cue":"ANNA ^","extensions":[],"parenthetical":"",
                        "text":"I know.","line":18,"dual":true}],
                     "shots":[
                       {"number":1,"description":"Waves hit the posts.",
                        "characters":["DAN","ANNA"],"line":10},
                       {"number":2,"description":"A gull lands.","characters":[],"line":21}],
                     "transitions":["CUT TO:"]}
                    """);
            assertThat(pier.toJson()).isEqualTo(expected);
            assertThat(pier.toJson().toString()).isEqualTo(expected.toString());
        }

        @Test
        void sceneWithoutNumberHasNullNumber() throws Exception {
            ObjectNode json = screenplay().scenes().get(1).toJson();

            assertThat(json.get("number").isNull()).isTrue();
            assertThat(json.get("intExt").asText()).isEmpty();
            assertThat(json.get("forced").asBoolean()).isTrue();
        }

        @Test
        void sceneRoundTripsThroughJson() throws Exception {
            for (Scene scene : screenplay().scenes()) {
                ObjectNode json = scene.toJson();
                String text = JsonSupport.MAPPER.writeValueAsString(json);

                Scene read = Scene.fromJson(JsonSupport.parseTrusted(text));

                assertThat(read.toJson()).isEqualTo(json);
                assertThat(read.number()).isEqualTo(scene.number());
                assertThat(read.shots()).isEqualTo(scene.shots());
                assertThat(read.characters()).isEqualTo(scene.characters());
                assertThat(read.dialogue()).isEqualTo(scene.dialogue());
                assertThat(read.action()).isEqualTo(scene.action());
            }
        }

        @Test
        void fromJsonKeepsElementOrder() throws Exception {
            Scene pier = screenplay().scenes().get(0);

            Scene read = Scene.fromJson(pier.toJson());

            assertThat(read.elements()).extracting(Element::getClass).containsExactly(
                    Action.class, Dialogue.class, Dialogue.class, Action.class,
                    Transition.class);
            assertThat(read.elements().get(4)).isEqualTo(new Transition("CUT TO:", 0));
            assertThat(read.key()).isEqualTo("scene-1");
        }

        @Test
        void missingMemberIsNamed() throws Exception {
            ObjectNode json = screenplay().scenes().get(0).toJson();
            json.remove("heading");

            assertThatThrownBy(() -> Scene.fromJson(json))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Invalid scene JSON: the member 'heading' is missing");
        }

        @Test
        void wrongMemberTypeIsNamed() throws Exception {
            ObjectNode json = screenplay().scenes().get(0).toJson();
            ((ObjectNode) json.get("shots").get(0)).put("line", "ten");

            assertThatThrownBy(() -> Scene.fromJson(json))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Invalid scene shots JSON: the member 'line' must be an integer"
                            + " but is STRING");
        }

        @Test
        void nonObjectIsRejected() {
            assertThatThrownBy(() -> Scene.fromJson(JsonSupport.parseTrusted("[1]")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Invalid scene JSON: expected an object but found ARRAY");
        }
    }

    @Nested
    class DialogueLines {

        @Test
        void keysCountSpeechesWithinEachScene() throws Exception {
            List<DialogueLine> lines = screenplay().dialogueLines();

            assertThat(lines).extracting(DialogueLine::key).containsExactly(
                    "scene-0/line-1", "scene-1/line-1", "scene-1/line-2", "scene-2/line-1");
            assertThat(lines.get(0).sceneIndex()).isZero();
            assertThat(lines.get(0).sceneHeading()).isEmpty();
            assertThat(lines.get(1)).isEqualTo(new DialogueLine("scene-1/line-1", 1,
                    "EXT. PIER - NIGHT", "DAN", "(quietly)\n(beat)", "She left.\nAgain.", 12,
                    true));
            assertThat(lines.get(3).sceneHeading()).isEqualTo("BLACK");
        }

        @Test
        void dialogueLineJsonHasMembersInOrder() throws Exception {
            DialogueLine line = screenplay().dialogueLines().get(2);

            assertThat(line.toJson().toString()).isEqualTo("{\"key\":\"scene-1/line-2\","
                    + "\"sceneIndex\":1,\"sceneHeading\":\"EXT. PIER - NIGHT\","
                    + "\"character\":\"ANNA\",\"parenthetical\":\"\",\"text\":\"I know.\","
                    + "\"line\":18,\"dual\":true}");
        }

        @Test
        void dialogueLineRoundTripsThroughJson() throws Exception {
            for (DialogueLine line : screenplay().dialogueLines()) {
                assertThat(DialogueLine.fromJson(line.toJson())).isEqualTo(line);
            }
        }

        @Test
        void dialogueLineMissingMemberIsNamed() throws Exception {
            ObjectNode json = screenplay().dialogueLines().get(0).toJson();
            json.remove("dual");

            assertThatThrownBy(() -> DialogueLine.fromJson(json))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Invalid dialogue line JSON: the member 'dual' is missing");
        }
    }

    @Test
    void screenplayKeepsPreambleApartFromScenes() throws Exception {
        Screenplay screenplay = screenplay();

        assertThat(screenplay.titlePage()).containsEntry("Title", "Pier");
        assertThat(screenplay.elements()).containsExactly(new Action("FADE IN:", 3),
                new Dialogue("DAN", "DAN", List.of(), List.of(), "Before.", 5, false));
        assertThat(screenplay.characters()).containsExactly("DAN", "ANNA");
        assertThat(screenplay.scenes().get(0).number()).isEqualTo(Optional.of("4B"));
    }
}

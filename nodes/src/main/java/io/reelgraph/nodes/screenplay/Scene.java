package io.reelgraph.nodes.screenplay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.nodes.screenplay.Element.Action;
import io.reelgraph.nodes.screenplay.Element.Dialogue;
import io.reelgraph.nodes.screenplay.Element.Transition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One scene: its heading and the elements up to the next heading.
 *
 * @param index the 1-based position of the scene in the screenplay
 * @param number the scene number written as {@code #1A#} at the end of the heading, if any
 * @param heading the heading text without a forcing dot and without the scene number
 * @param intExt {@code INT}, {@code EXT}, {@code INT/EXT} or {@code EST}, or empty for a forced
 *     heading
 * @param location the place named by the heading
 * @param timeOfDay the part of the heading after the location, such as {@code DAY}, or empty
 * @param forced whether the heading was forced with a leading dot
 * @param line the 1-based source line of the heading
 * @param characters the characters with a speech in the scene, in order of their first cue
 */
public record Scene(int index, Optional<String> number, String heading, String intExt,
        String location, String timeOfDay, boolean forced, int line, List<Element> elements,
        List<String> characters, List<Shot> shots) {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    public Scene {
        elements = List.copyOf(elements);
        characters = List.copyOf(characters);
        shots = List.copyOf(shots);
    }

    /** Creates a scene whose characters and shots are derived from its elements. */
    static Scene of(int index, SceneHeading heading, List<Element> elements) {
        return new Scene(index, heading.number(), heading.text(), heading.intExt(),
                heading.location(), heading.timeOfDay(), heading.forced(), heading.line(),
                elements, speakers(elements), Shots.of(heading, elements));
    }

    private static List<String> speakers(List<Element> elements) {
        Set<String> names = new LinkedHashSet<>();
        for (Element element : elements) {
            if (element instanceof Dialogue dialogue) {
                names.add(dialogue.character());
            }
        }
        return List.copyOf(names);
    }

    /** Returns the work item key of this scene, {@code scene-<index>}. */
    public String key() {
        return "scene-" + index;
    }

    /** Returns the action paragraphs of this scene joined with a blank line. */
    public String action() {
        return elements.stream()
                .filter(Action.class::isInstance)
                .map(element -> ((Action) element).text())
                .collect(Collectors.joining("\n\n"));
    }

    /** Returns the speeches of this scene in order. */
    public List<Dialogue> dialogue() {
        return elements.stream()
                .filter(Dialogue.class::isInstance)
                .map(Dialogue.class::cast)
                .toList();
    }

    /** Returns the transitions of this scene in order. */
    public List<Transition> transitions() {
        return elements.stream()
                .filter(Transition.class::isInstance)
                .map(Transition.class::cast)
                .toList();
    }

    /** Returns the JSON value that carries this scene between nodes, with a fixed member order. */
    public ObjectNode toJson() {
        ObjectNode json = JSON.objectNode();
        json.put("index", index);
        if (number.isPresent()) {
            json.put("number", number.get());
        } else {
            json.putNull("number");
        }
        json.put("heading", heading);
        json.put("intExt", intExt);
        json.put("location", location);
        json.put("timeOfDay", timeOfDay);
        json.put("forced", forced);
        json.put("line", line);
        JsonFields.putStrings(json.putArray("characters"), characters);
        json.put("action", action());

        ArrayNode speeches = json.putArray("dialogue");
        for (Dialogue dialogue : dialogue()) {
            ObjectNode speech = speeches.addObject();
            speech.put("character", dialogue.character());
            speech.put("cue", dialogue.cue());
            JsonFields.putStrings(speech.putArray("extensions"), dialogue.extensions());
            speech.put("parenthetical", String.join("\n", dialogue.parentheticals()));
            speech.put("text", dialogue.text());
            speech.put("line", dialogue.line());
            speech.put("dual", dialogue.dual());
        }

        ArrayNode shotArray = json.putArray("shots");
        for (Shot shot : shots) {
            ObjectNode item = shotArray.addObject();
            item.put("number", shot.number());
            item.put("description", shot.description());
            JsonFields.putStrings(item.putArray("characters"), shot.characters());
            item.put("line", shot.line());
        }
        JsonFields.putStrings(json.putArray("transitions"),
                transitions().stream().map(Transition::text).toList());
        return json;
    }

    /**
     * Reads a scene written by {@link #toJson()}. The JSON contains action, dialogue and
     * transitions only, so the elements of the scene read back are those three kinds. Action
     * paragraphs are taken from the shots, which start one per paragraph.
     *
     * @throws IllegalArgumentException when a member is missing or has the wrong JSON type
     */
    public static Scene fromJson(JsonNode json) {
        JsonFields fields = new JsonFields("scene", json);
        int index = fields.integer("index");
        int line = fields.integer("line");
        List<Shot> shots = new ArrayList<>();
        for (JsonFields shot : fields.objects("shots")) {
            shots.add(new Shot(shot.integer("number"), shot.text("description"),
                    shot.strings("characters"), shot.integer("line")));
        }

        List<Element> elements = new ArrayList<>();
        for (Shot shot : shots) {
            if (shot.line() != line) {
                elements.add(new Action(shot.description(), shot.line()));
            }
        }
        for (JsonFields speech : fields.objects("dialogue")) {
            String parenthetical = speech.text("parenthetical");
            elements.add(new Dialogue(speech.text("character"), speech.text("cue"),
                    speech.strings("extensions"),
                    parenthetical.isEmpty() ? List.of() : List.of(parenthetical.split("\n")),
                    speech.text("text"), speech.integer("line"), speech.bool("dual")));
        }
        elements.sort(Comparator.comparingInt(Element::line));
        // NOTE: the JSON keeps only the text of a transition, so a transition read back has
        // line 0 and is placed after the other elements, where transitions usually stand.
        for (String transition : fields.strings("transitions")) {
            elements.add(new Transition(transition, 0));
        }

        return new Scene(index, fields.optionalText("number"), fields.text("heading"),
                fields.text("intExt"), fields.text("location"), fields.text("timeOfDay"),
                fields.bool("forced"), line, elements, fields.strings("characters"), shots);
    }
}

package io.reelgraph.nodes.screenplay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One speech together with its scene, as a work item for nodes that voice or caption dialogue.
 *
 * @param key the work item key {@code scene-3/line-2}: the scene key and the 1-based position of
 *     the speech within the scene
 * @param sceneIndex the 1-based index of the scene, or 0 for a speech before the first heading
 * @param sceneHeading the heading of the scene, or empty for a speech before the first heading
 * @param parenthetical the parenthetical lines joined with {@code \n}, or empty
 * @param line the 1-based source line of the cue
 */
public record DialogueLine(String key, int sceneIndex, String sceneHeading, String character,
        String parenthetical, String text, int line, boolean dual) {

    static DialogueLine of(int sceneIndex, String sceneHeading, int position,
            Element.Dialogue dialogue) {
        return new DialogueLine("scene-" + sceneIndex + "/line-" + position, sceneIndex,
                sceneHeading, dialogue.character(), String.join("\n", dialogue.parentheticals()),
                dialogue.text(), dialogue.line(), dialogue.dual());
    }

    /** Returns this speech as JSON with the members in component order. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("key", key);
        json.put("sceneIndex", sceneIndex);
        json.put("sceneHeading", sceneHeading);
        json.put("character", character);
        json.put("parenthetical", parenthetical);
        json.put("text", text);
        json.put("line", line);
        json.put("dual", dual);
        return json;
    }

    /**
     * Reads a speech written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException when a member is missing or has the wrong JSON type
     */
    public static DialogueLine fromJson(JsonNode json) {
        JsonFields fields = new JsonFields("dialogue line", json);
        return new DialogueLine(fields.text("key"), fields.integer("sceneIndex"),
                fields.text("sceneHeading"), fields.text("character"),
                fields.text("parenthetical"), fields.text("text"), fields.integer("line"),
                fields.bool("dual"));
    }
}

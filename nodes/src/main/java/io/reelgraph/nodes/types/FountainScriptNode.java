package io.reelgraph.nodes.types;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.artifact.ContentHash;
import io.reelgraph.engine.artifact.Item;
import io.reelgraph.engine.type.KeyMaterial;
import io.reelgraph.engine.type.NodeCategory;
import io.reelgraph.engine.type.NodeException;
import io.reelgraph.engine.type.PortSpec;
import io.reelgraph.engine.type.PortType;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.engine.type.WorkInput;
import io.reelgraph.engine.type.ValidationInput;
import io.reelgraph.engine.type.WorkOutput;
import io.reelgraph.engine.validate.Problem;
import io.reelgraph.nodes.screenplay.Breakdown;
import io.reelgraph.nodes.screenplay.DialogueLine;
import io.reelgraph.nodes.screenplay.Scene;
import io.reelgraph.nodes.screenplay.Screenplay;
import io.reelgraph.nodes.screenplay.ScreenplayException;
import io.reelgraph.nodes.screenplay.ScreenplayFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code script.fountain}: reads a Fountain or Final Draft ({@code .fdx}) screenplay and puts
 * out its scenes, its lines of dialogue and its characters as lists, keyed {@code scene-3} and
 * {@code scene-3/line-2}, so that editing one scene changes the items of that scene only.
 * {@link ScreenplayFormat#of} picks the format from the file name and content.
 */
public final class FountainScriptNode extends BaseNodeType {

    public static final String ID = "script.fountain";

    FountainScriptNode() {
        super(ID, 2, "Screenplay",
                "Reads a Fountain or Final Draft (.fdx) screenplay into scenes, dialogue lines"
                        + " and characters.",
                NodeCategory.SOURCE, List.of(),
                List.of(PortSpec.one("screenplay", PortType.SCREENPLAY,
                                "the breakdown: scenes and characters"),
                        PortSpec.list("scenes", PortType.SCENE, "one item per scene"),
                        PortSpec.list("dialogue", PortType.DIALOGUE, "one item per speech"),
                        PortSpec.list("characters", PortType.CHARACTER,
                                "one item per speaking character")),
                List.of(Params.file("file",
                        "the .fountain or .fdx file, relative to the graph file")));
    }

    @Override
    public List<Problem> validate(ValidationInput input) {
        return FileParams.checkReadable(input, "file", ScreenplayFormat.MAX_BYTES);
    }

    @Override
    public KeyMaterial prepare(WorkInput input) throws NodeException {
        byte[] content = read(input);
        String material = "screenplay sha256 " + ContentHash.of(content).hex();
        // The format joins the key for FDX only, so the keys of Fountain screenplays stay as
        // they were before FDX was read, and a file named .fdx never shares a Fountain key.
        if (ScreenplayFormat.of(input.stringParam("file"), content) == ScreenplayFormat.FDX) {
            material += " format fdx";
        }
        return KeyMaterial.extras(material);
    }

    @Override
    public WorkOutput execute(WorkInput input, WorkContext context) throws NodeException {
        String file = input.stringParam("file");
        Screenplay screenplay;
        try {
            screenplay = ScreenplayFormat.parse(file, read(input));
        } catch (ScreenplayException e) {
            throw new NodeException(e.getMessage(), e);
        }
        if (screenplay.scenes().isEmpty()) {
            throw new NodeException("Screenplay " + file + " has no scenes: start each scene with"
                    + " a heading such as INT. KITCHEN - NIGHT, or a line starting with '.'");
        }

        Breakdown breakdown = Breakdown.of(screenplay);
        List<Item> scenes = new ArrayList<>();
        for (Scene scene : screenplay.scenes()) {
            scenes.add(new Item(scene.key(), Artifact.ofJson(scene.toJson(), false)));
        }
        List<Item> dialogue = new ArrayList<>();
        for (DialogueLine line : screenplay.dialogueLines()) {
            dialogue.add(new Item(line.key(), Artifact.ofJson(spokenLine(line), false)));
        }
        List<Item> characters = new ArrayList<>();
        for (var character : breakdown.toJson().path("characters")) {
            characters.add(new Item("character-" + (characters.size() + 1),
                    Artifact.ofJson(character, false)));
        }
        ObjectNode summary = breakdown.toJson();
        return WorkOutput.builder()
                .single("screenplay", Artifact.ofJson(summary, false))
                .list("scenes", scenes)
                .list("dialogue", dialogue)
                .list("characters", characters)
                .build();
    }

    /**
     * Returns what a speech model needs of a line: who speaks, how and what. Positions such as
     * the scene number and the source line stay out, so adding a line elsewhere in the
     * screenplay leaves every other spoken line, and its paid audio, cached.
     */
    static ObjectNode spokenLine(DialogueLine line) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("character", line.character());
        json.put("parenthetical", line.parenthetical());
        json.put("text", line.text());
        return json;
    }

    private static byte[] read(WorkInput input) throws NodeException {
        return input.files().read(input.stringParam("file"), ScreenplayFormat.MAX_BYTES);
    }
}

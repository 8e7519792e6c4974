package io.reelgraph.nodes.screenplay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.nodes.screenplay.Element.Dialogue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A script breakdown: the scenes with their cast, and each character with the scenes they speak
 * in and their number of speeches.
 */
public record Breakdown(String source, List<SceneEntry> scenes, List<CharacterEntry> characters) {

    /**
     * One scene of the breakdown.
     *
     * @param number the scene number from {@code #..#}, otherwise the 1-based index as text
     */
    public record SceneEntry(String number, String heading, String location, String timeOfDay,
            List<String> characters, int line) {

        public SceneEntry {
            characters = List.copyOf(characters);
        }
    }

    /**
     * One character of the breakdown.
     *
     * @param scenes the numbers of the scenes with a speech of this character, as in
     *     {@link SceneEntry#number()}
     * @param dialogueLines the number of speeches (dialogue blocks) of this character
     */
    public record CharacterEntry(String name, List<String> scenes, int dialogueLines) {

        public CharacterEntry {
            scenes = List.copyOf(scenes);
        }
    }

    public Breakdown {
        scenes = List.copyOf(scenes);
        characters = List.copyOf(characters);
    }

    /** Builds the breakdown of a screenplay; characters are listed in order of first speech. */
    public static Breakdown of(Screenplay screenplay) {
        Map<String, Set<String>> scenesByCharacter = new LinkedHashMap<>();
        Map<String, Integer> speeches = new LinkedHashMap<>();
        countSpeeches(screenplay.elements(), null, scenesByCharacter, speeches);

        List<SceneEntry> scenes = new ArrayList<>();
        for (Scene scene : screenplay.scenes()) {
            String number = scene.number().orElse(Integer.toString(scene.index()));
            scenes.add(new SceneEntry(number, scene.heading(), scene.location(),
                    scene.timeOfDay(), scene.characters(), scene.line()));
            countSpeeches(scene.elements(), number, scenesByCharacter, speeches);
        }

        List<CharacterEntry> characters = new ArrayList<>();
        scenesByCharacter.forEach((name, numbers) -> characters.add(
                new CharacterEntry(name, List.copyOf(numbers), speeches.get(name))));
        return new Breakdown(screenplay.source(), scenes, characters);
    }

    private static void countSpeeches(List<Element> elements, String sceneNumber,
            Map<String, Set<String>> scenesByCharacter, Map<String, Integer> speeches) {
        for (Element element : elements) {
            if (element instanceof Dialogue dialogue) {
                Set<String> numbers = scenesByCharacter.computeIfAbsent(
                        dialogue.character(), name -> new LinkedHashSet<>());
                if (sceneNumber != null) {
                    numbers.add(sceneNumber);
                }
                speeches.merge(dialogue.character(), 1, Integer::sum);
            }
        }
    }

    /** Returns the breakdown as JSON with a fixed member order. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("source", source);
        ArrayNode sceneArray = json.putArray("scenes");
        for (SceneEntry scene : scenes) {
            ObjectNode item = sceneArray.addObject();
            item.put("number", scene.number());
            item.put("heading", scene.heading());
            item.put("location", scene.location());
            item.put("timeOfDay", scene.timeOfDay());
            JsonFields.putStrings(item.putArray("characters"), scene.characters());
            item.put("line", scene.line());
        }
        ArrayNode characterArray = json.putArray("characters");
        for (CharacterEntry character : characters) {
            ObjectNode item = characterArray.addObject();
            item.put("name", character.name());
            JsonFields.putStrings(item.putArray("scenes"), character.scenes());
            item.put("dialogueLines", character.dialogueLines());
        }
        return json;
    }

    /** Renders the breakdown as two plain-text tables for a terminal: scenes, then characters. */
    public String toText() {
        TextTable sceneTable = new TextTable("Scene", "Heading", "Line", "Characters");
        for (SceneEntry scene : scenes) {
            sceneTable.add(scene.number(), scene.heading(), Integer.toString(scene.line()),
                    String.join(", ", scene.characters()));
        }
        TextTable characterTable = new TextTable("Character", "Speeches", "Scenes");
        for (CharacterEntry character : characters) {
            characterTable.add(character.name(), Integer.toString(character.dialogueLines()),
                    String.join(", ", character.scenes()));
        }
        return source + "\n\n" + sceneTable.render() + "\n" + characterTable.render();
    }
}

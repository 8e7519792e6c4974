package io.reelgraph.nodes.screenplay;

import io.reelgraph.nodes.screenplay.Element.Dialogue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed screenplay.
 *
 * @param source the file name or label the text was read from, used in messages
 * @param titlePage the title page entries in source order; a value spanning several lines keeps
 *     them joined with {@code \n}, and emphasis markers stay in the value
 * @param scenes the scenes in source order
 * @param elements the elements before the first scene heading, which belong to no scene
 */
public record Screenplay(String source, Map<String, String> titlePage, List<Scene> scenes,
        List<Element> elements) {

    public Screenplay {
        titlePage = Collections.unmodifiableMap(new LinkedHashMap<>(titlePage));
        scenes = List.copyOf(scenes);
        elements = List.copyOf(elements);
    }

    /** Returns the title page value for a key, matching the key without regard to case. */
    public Optional<String> titlePageValue(String key) {
        return titlePage.entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(key))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** Returns every element in source order: those before the first scene, then each scene's. */
    public List<Element> allElements() {
        List<Element> all = new ArrayList<>(elements);
        scenes.forEach(scene -> all.addAll(scene.elements()));
        return List.copyOf(all);
    }

    /** Returns the distinct characters with a speech, in order of their first cue. */
    public List<String> characters() {
        Set<String> names = new LinkedHashSet<>();
        for (Element element : allElements()) {
            if (element instanceof Dialogue dialogue) {
                names.add(dialogue.character());
            }
        }
        return List.copyOf(names);
    }

    /**
     * Returns every speech with its scene. A speech before the first scene heading gets scene
     * index 0, an empty heading and a key that starts with {@code scene-0}.
     */
    public List<DialogueLine> dialogueLines() {
        List<DialogueLine> lines = new ArrayList<>();
        addDialogueLines(lines, 0, "", elements);
        for (Scene scene : scenes) {
            addDialogueLines(lines, scene.index(), scene.heading(), scene.elements());
        }
        return List.copyOf(lines);
    }

    private static void addDialogueLines(List<DialogueLine> lines, int sceneIndex,
            String heading, List<Element> elements) {
        int position = 0;
        for (Element element : elements) {
            if (element instanceof Dialogue dialogue) {
                position++;
                lines.add(DialogueLine.of(sceneIndex, heading, position, dialogue));
            }
        }
    }
}

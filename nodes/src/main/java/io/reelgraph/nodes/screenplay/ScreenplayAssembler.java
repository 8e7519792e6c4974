package io.reelgraph.nodes.screenplay;

import io.reelgraph.nodes.screenplay.Element.Dialogue;
import io.reelgraph.nodes.screenplay.Element.Note;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Collects elements into scenes in source order. Notes were cut out of the text before the
 * elements were recognised, so each note is put back before the first element that starts
 * after the note's line.
 */
final class ScreenplayAssembler {

    private final Deque<Note> notes;
    private final List<Element> preamble = new ArrayList<>();
    private final List<Scene> scenes = new ArrayList<>();
    private SceneHeading heading;
    private List<Element> current = preamble;

    ScreenplayAssembler(List<Note> notes) {
        this.notes = new ArrayDeque<>(notes);
    }

    void add(Element element) {
        addNotesBefore(element.line());
        if (element instanceof Dialogue dialogue && dialogue.dual()) {
            markPreviousSpeechDual();
        }
        current.add(element);
    }

    void startScene(SceneHeading next) {
        addNotesBefore(next.line());
        closeScene();
        heading = next;
        current = new ArrayList<>();
    }

    Screenplay finish(String source, Map<String, String> titlePage) {
        addNotesBefore(Integer.MAX_VALUE);
        closeScene();
        return new Screenplay(source, titlePage, scenes, preamble);
    }

    private void closeScene() {
        if (heading != null) {
            scenes.add(Scene.of(scenes.size() + 1, heading, current));
        }
    }

    private void addNotesBefore(int line) {
        while (!notes.isEmpty() && notes.peekFirst().line() < line) {
            current.add(notes.pollFirst());
        }
    }

    /** Marks the speech right before a caret cue as dual. Only notes may come between the two. */
    private void markPreviousSpeechDual() {
        for (int i = current.size() - 1; i >= 0; i--) {
            Element previous = current.get(i);
            if (previous instanceof Dialogue dialogue) {
                current.set(i, dialogue.asDual());
                return;
            }
            if (!(previous instanceof Note)) {
                return;
            }
        }
    }
}

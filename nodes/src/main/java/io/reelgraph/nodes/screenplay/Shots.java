package io.reelgraph.nodes.screenplay;

import io.reelgraph.nodes.screenplay.Element.Action;
import io.reelgraph.nodes.screenplay.Element.Dialogue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Breaks a scene into shots: one per action paragraph, each collecting the speakers after it. */
final class Shots {

    private Shots() {
    }

    static List<Shot> of(SceneHeading heading, List<Element> elements) {
        List<Shot> shots = new ArrayList<>();
        String description = null;
        int line = heading.line();
        Set<String> speakers = new LinkedHashSet<>();

        for (Element element : elements) {
            if (element instanceof Action action) {
                if (description != null) {
                    shots.add(new Shot(shots.size() + 1, description, List.copyOf(speakers), line));
                }
                description = action.text();
                line = action.line();
                speakers.clear();
            } else if (element instanceof Dialogue dialogue) {
                // Speech before the first action paragraph belongs to a shot of the heading.
                if (description == null) {
                    description = heading.text();
                }
                speakers.add(dialogue.character());
            }
        }

        if (description == null) {
            description = heading.text();
        }
        shots.add(new Shot(shots.size() + 1, description, List.copyOf(speakers), line));
        return shots;
    }
}

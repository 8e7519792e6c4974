package io.reelgraph.nodes.screenplay;

import java.util.List;

/**
 * One shot of a scene's breakdown. Each action paragraph of a scene starts a shot. A scene
 * whose first speech comes before any action starts with a shot described by its heading.
 *
 * @param number the 1-based number of the shot within its scene
 * @param description the action paragraph, or the scene heading for a heading shot
 * @param characters the characters who speak before the next action paragraph, distinct, in
 *     order of their first speech
 * @param line the 1-based source line of the action paragraph or of the heading
 */
public record Shot(int number, String description, List<String> characters, int line) {

    public Shot {
        characters = List.copyOf(characters);
    }
}

package io.reelgraph.nodes.screenplay;

import java.util.List;

/**
 * One element of a screenplay body, in source order. Scene headings are not elements: they open a
 * {@link Scene}, and the elements after a heading belong to that scene. Every element keeps the
 * 1-based source line where it starts. Emphasis markers such as {@code *italic*} stay in the text.
 */
public sealed interface Element {

    /** Returns the 1-based line of the source where this element starts. */
    int line();

    /** A paragraph of action, with its line breaks kept and a forcing {@code !} removed. */
    record Action(String text, int line) implements Element {
    }

    /**
     * One speech: a character cue with the dialogue and parentheticals under it.
     *
     * <p>NOTE: where a parenthetical stood between two spoken lines is not kept, only the order
     * of the parentheticals among themselves and of the spoken lines among themselves.
     *
     * @param character the cue name without {@code @}, {@code ^} and extensions, upper-cased
     * @param cue the cue line as written, trimmed
     * @param extensions the texts inside the parentheses on the cue line, such as {@code V.O.}
     * @param parentheticals the parenthetical lines of the speech, with their parentheses
     * @param text the spoken lines joined with {@code \n}; lyric lines keep their {@code ~}
     * @param dual whether this speech is one half of a dual dialogue pair
     */
    record Dialogue(String character, String cue, List<String> extensions,
            List<String> parentheticals, String text, int line, boolean dual) implements Element {

        public Dialogue {
            extensions = List.copyOf(extensions);
            parentheticals = List.copyOf(parentheticals);
        }

        /** Returns this speech with the dual dialogue flag set. */
        Dialogue asDual() {
            return new Dialogue(character, cue, extensions, parentheticals, text, line, true);
        }
    }

    /** A transition such as {@code CUT TO:}, with a forcing {@code >} removed. */
    record Transition(String text, int line) implements Element {
    }

    /** Lyric lines outside a speech, joined with {@code \n}, each without its {@code ~}. */
    record Lyrics(String text, int line) implements Element {
    }

    /** One line of centered text, without the {@code >} and {@code <} around it. */
    record Centered(String text, int line) implements Element {
    }

    /** A section heading; the depth is the number of {@code #} characters that open it. */
    record Section(String text, int depth, int line) implements Element {
    }

    /** A synopsis line, without its opening {@code =}. */
    record Synopsis(String text, int line) implements Element {
    }

    /** A page break: a line of three or more {@code =} characters. */
    record PageBreak(int line) implements Element {
    }

    /** The text of a {@code [[note]]}, which is removed from the element it appeared in. */
    record Note(String text, int line) implements Element {
    }
}

package io.reelgraph.nodes.screenplay;

import io.reelgraph.nodes.screenplay.Element.Action;
import io.reelgraph.nodes.screenplay.Element.Centered;
import io.reelgraph.nodes.screenplay.Element.Dialogue;
import io.reelgraph.nodes.screenplay.Element.Lyrics;
import io.reelgraph.nodes.screenplay.Element.PageBreak;
import io.reelgraph.nodes.screenplay.Element.Section;
import io.reelgraph.nodes.screenplay.Element.Synopsis;
import io.reelgraph.nodes.screenplay.Element.Transition;
import io.reelgraph.nodes.screenplay.SourceText.Line;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recognises the elements of a screenplay body line by line. Most Fountain rules depend on the
 * lines around a line: a heading needs a blank line before and after it, a cue needs a blank
 * line before it and text after it.
 */
final class BodyParser {

    private static final Logger LOG = LoggerFactory.getLogger(BodyParser.class);

    private static final Pattern PAGE_BREAK = Pattern.compile("={3,}");

    /** Transitions that do not end in "TO:" but are standard, as in nyousefi/Fountain's tests. */
    private static final Set<String> STANDARD_TRANSITIONS =
            Set.of("FADE OUT.", "FADE TO BLACK.", "CUT TO BLACK.");

    private final String source;
    private final List<Line> lines;
    private final int start;
    private final ScreenplayAssembler out;

    BodyParser(String source, List<Line> lines, int start, ScreenplayAssembler out) {
        this.source = source;
        this.lines = lines;
        this.start = start;
        this.out = out;
    }

    void run() {
        int i = start;
        while (i < lines.size()) {
            i = isBlank(i) ? i + 1 : element(i);
        }
    }

    /** Adds the element that starts at line index {@code i} and returns the index after it. */
    private int element(int i) {
        String trimmed = lines.get(i).text().strip();
        int number = lines.get(i).number();
        boolean blankBefore = i == start || isBlank(i - 1);
        boolean blankAfter = i + 1 >= lines.size() || isBlank(i + 1);

        if (isOwnElement(trimmed)) {
            return standalone(i, trimmed, number);
        }
        if (trimmed.startsWith("!")) {
            return action(i);
        }
        if (trimmed.startsWith("@") && !blankAfter && Cue.parse(trimmed).isPresent()) {
            return dialogue(i);
        }
        if (blankBefore && SceneHeading.looksLikeHeading(trimmed)) {
            if (blankAfter) {
                out.startScene(SceneHeading.parse(trimmed, number));
                return i + 1;
            }
            // Fountain reads an upper-case line with text right below it as a character cue,
            // and the reference parsers do the same with a heading that lacks its blank line.
            boolean cue = Cue.parse(trimmed).isPresent();
            LOG.warn("{} line {}: '{}' looks like a scene heading but has no blank line after"
                    + " it, so it is read as {}; add a blank line to make it a heading",
                    source, number, trimmed, cue ? "a character cue" : "action");
            return cue ? dialogue(i) : action(i);
        }
        if (blankBefore && blankAfter && isTransition(lines.get(i).text())) {
            out.add(new Transition(trimmed, number));
            return i + 1;
        }
        if (blankBefore && !blankAfter && Cue.parse(trimmed).isPresent()) {
            return dialogue(i);
        }
        return action(i);
    }

    /**
     * Returns whether a line is a section, synopsis, page break, centered text, forced transition
     * or lyric, which need no blank line around them.
     */
    private static boolean isOwnElement(String trimmed) {
        return trimmed.startsWith("#") || trimmed.startsWith("=") || trimmed.startsWith(">")
                || trimmed.startsWith("~");
    }

    private int standalone(int i, String trimmed, int number) {
        if (PAGE_BREAK.matcher(trimmed).matches()) {
            out.add(new PageBreak(number));
        } else if (trimmed.startsWith("#")) {
            int depth = 0;
            while (depth < trimmed.length() && trimmed.charAt(depth) == '#') {
                depth++;
            }
            out.add(new Section(trimmed.substring(depth).strip(), depth, number));
        } else if (trimmed.startsWith("=")) {
            out.add(new Synopsis(trimmed.substring(1).strip(), number));
        } else if (trimmed.startsWith(">") && trimmed.endsWith("<") && trimmed.length() > 1) {
            out.add(new Centered(trimmed.substring(1, trimmed.length() - 1).strip(), number));
        } else if (trimmed.startsWith(">")) {
            out.add(new Transition(trimmed.substring(1).strip(), number));
        } else {
            return lyrics(i);
        }
        return i + 1;
    }

    /**
     * Returns whether a line is a transition: upper case and ending in "TO:", or a standard
     * ending such as "FADE TO BLACK.". Trailing spaces make it action, as Fountain 1.0 used them
     * to force action.
     */
    private static boolean isTransition(String text) {
        String line = text.stripLeading();
        boolean upperCase = line.equals(line.toUpperCase(Locale.ROOT))
                && line.codePoints().anyMatch(Character::isLetter);
        return upperCase && (line.endsWith("TO:") || STANDARD_TRANSITIONS.contains(line));
    }

    /** Adds a speech: the cue, then parentheticals and dialogue lines up to a blank line. */
    private int dialogue(int i) {
        Cue cue = Cue.parse(lines.get(i).text().strip()).orElseThrow();
        List<String> parentheticals = new ArrayList<>();
        List<String> spoken = new ArrayList<>();
        int j = i + 1;
        for (; j < lines.size() && !isBlank(j); j++) {
            String text = lines.get(j).text().strip();
            if (text.startsWith("(") && text.endsWith(")")) {
                parentheticals.add(text);
            } else {
                spoken.add(text);
            }
        }
        out.add(new Dialogue(cue.character(), cue.cue(), cue.extensions(), parentheticals,
                String.join("\n", spoken), lines.get(i).number(), cue.dual()));
        return j;
    }

    private int lyrics(int i) {
        List<String> sung = new ArrayList<>();
        int j = i;
        for (; j < lines.size() && lines.get(j).text().strip().startsWith("~"); j++) {
            sung.add(lines.get(j).text().strip().substring(1).strip());
        }
        out.add(new Lyrics(String.join("\n", sung), lines.get(i).number()));
        return j;
    }

    /**
     * Adds an action paragraph: this line and the lines after it up to a blank line or a line
     * that is an element of its own. Line breaks and leading indentation are kept, with a tab
     * counted as four spaces, and a forcing "!" is removed.
     */
    private int action(int i) {
        List<String> paragraph = new ArrayList<>();
        int j = i;
        for (; j < lines.size() && !isBlank(j); j++) {
            String text = lines.get(j).text();
            if (j > i && isOwnElement(text.strip())) {
                break;
            }
            if (j == i && text.strip().startsWith("!")) {
                text = text.replaceFirst("!", "");
            }
            paragraph.add(expandLeadingTabs(text).stripTrailing());
        }
        String text = String.join("\n", paragraph);
        if (!text.isBlank()) {
            out.add(new Action(text, lines.get(i).number()));
        }
        return j;
    }

    private static String expandLeadingTabs(String text) {
        int indent = 0;
        StringBuilder expanded = new StringBuilder();
        while (indent < text.length() && (text.charAt(indent) == '\t' || text.charAt(indent) == ' ')) {
            expanded.append(text.charAt(indent) == '\t' ? "    " : " ");
            indent++;
        }
        return expanded.append(text, indent, text.length()).toString();
    }

    private boolean isBlank(int index) {
        return SourceText.isBlank(lines.get(index).text());
    }
}

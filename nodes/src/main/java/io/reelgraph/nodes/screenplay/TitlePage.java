package io.reelgraph.nodes.screenplay;

import io.reelgraph.nodes.screenplay.SourceText.Line;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the optional title page: {@code Key: value} lines at the very start of the file, up to
 * the first blank line. A value may continue on following lines indented by three or more spaces
 * or a tab.
 */
final class TitlePage {

    private static final Pattern ENTRY = Pattern.compile("^([^\\s:][^:]*):(.*)$");

    /**
     * Keys from the Fountain 1.1 title page list. The first paragraph counts as a title page only
     * when one of its keys is among them, so a script opening with "FADE IN:" has none.
     */
    private static final Set<String> STANDARD_KEYS = Set.of(
            "title", "credit", "author", "authors", "source", "draft date", "date", "contact",
            "contact info", "copyright", "notes", "revision", "watermark", "font");

    private TitlePage() {
    }

    /**
     * Reads the title page entries, in order, into {@code entries}; unknown keys are kept.
     * Returns the index of the first line after the title page, or 0 when there is none.
     */
    static int read(List<Line> lines, Map<String, String> entries) {
        Map<String, String> found = new LinkedHashMap<>();
        String key = null;
        boolean standard = false;
        int i = 0;
        for (; i < lines.size() && !SourceText.isBlank(lines.get(i).text()); i++) {
            String text = lines.get(i).text();
            Matcher entry = ENTRY.matcher(text);
            if (key != null && isIndented(text)) {
                String value = found.get(key);
                found.put(key, value.isEmpty() ? text.strip() : value + "\n" + text.strip());
            } else if (entry.matches()) {
                key = entry.group(1).strip();
                standard |= STANDARD_KEYS.contains(key.toLowerCase(Locale.ROOT));
                String value = entry.group(2).strip();
                String earlier = found.get(key);
                // A repeated key, such as two Author lines, keeps both values.
                found.put(key, earlier == null || earlier.isEmpty() ? value : earlier + "\n" + value);
            } else {
                return 0;
            }
        }
        if (!standard) {
            return 0;
        }
        entries.putAll(found);
        return i;
    }

    private static boolean isIndented(String text) {
        return text.startsWith("\t") || text.startsWith("   ");
    }
}

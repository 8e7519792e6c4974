package io.reelgraph.nodes.screenplay;

import java.util.ArrayList;
import java.util.List;

/** A left-aligned plain-text table with a header row and a dashed rule under it. */
final class TextTable {

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    TextTable(String... header) {
        this.columns = header.length;
        rows.add(header);
    }

    void add(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException(
                    "Expected " + columns + " cells in a table row but got " + cells.length);
        }
        rows.add(cells);
    }

    String render() {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }

        StringBuilder text = new StringBuilder();
        appendRow(text, rows.get(0), widths);
        String[] rule = new String[columns];
        for (int i = 0; i < columns; i++) {
            rule[i] = "-".repeat(widths[i]);
        }
        appendRow(text, rule, widths);
        for (String[] row : rows.subList(1, rows.size())) {
            appendRow(text, row, widths);
        }
        return text.toString();
    }

    private static void appendRow(StringBuilder text, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append("  ");
            }
            line.append(cells[i]).append(" ".repeat(widths[i] - cells[i].length()));
        }
        // An empty last cell would otherwise leave trailing spaces.
        text.append(line.toString().stripTrailing()).append('\n');
    }
}

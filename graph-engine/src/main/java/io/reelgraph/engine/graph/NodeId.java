package io.reelgraph.engine.graph;

import java.util.regex.Pattern;

/**
 * Identifier of a node, stable across saves. Ids are short, readable and safe in file names:
 * letters, digits, {@code -}, {@code _} and {@code .}, starting with a letter or digit.
 */
public record NodeId(String value) implements Comparable<NodeId> {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    public NodeId {
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("Invalid node id \"" + Texts.shorten(value)
                    + "\": use 1 to 100 letters, digits, '-', '_' or '.', starting with a letter or digit");
        }
    }

    public static NodeId of(String value) {
        return new NodeId(value);
    }

    public static boolean isValid(String value) {
        return VALID.matcher(value).matches();
    }

    @Override
    public int compareTo(NodeId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

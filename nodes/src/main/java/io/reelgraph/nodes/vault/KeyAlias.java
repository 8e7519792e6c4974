package io.reelgraph.nodes.vault;

import java.util.regex.Pattern;

/**
 * The name a key is stored under, unique within a vault, such as {@code openai-personal}. It is
 * 1 to 64 letters, digits, {@code .}, {@code _} or {@code -}, starting with a letter or digit,
 * so it is safe in a ledger row, a log line and a file name.
 */
public record KeyAlias(String name) implements Comparable<KeyAlias> {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public KeyAlias {
        if (!VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid key alias '" + shorten(name) + "': use 1"
                    + " to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    public static KeyAlias of(String name) {
        return new KeyAlias(name);
    }

    @Override
    public int compareTo(KeyAlias other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}

package io.reelgraph.nodes.screenplay;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed scene heading line, before the scene's elements are known. */
record SceneHeading(String text, Optional<String> number, String intExt, String location,
        String timeOfDay, boolean forced, int line) {

    /** INT, EXT, EST, INT/EXT, INT./EXT, I/E and I./E., followed by a dot or a space. */
    private static final Pattern PREFIX = Pattern.compile(
            "^(INT\\.?/EXT|I\\.?/E|INT|EXT|EST)(\\.|\\s)", Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBER = Pattern.compile("\\s*#([A-Za-z0-9.\\-]+)#\\s*$");
    private static final Pattern DASH = Pattern.compile("\\s+[-\u2013\u2014]\\s+");
    private static final Set<String> TIMES_OF_DAY = Set.of(
            "DAY", "NIGHT", "MORNING", "AFTERNOON", "EVENING", "DAWN", "DUSK", "SUNRISE",
            "SUNSET", "NOON", "MIDNIGHT", "LATER", "CONTINUOUS", "SAME", "MOMENTS", "MAGIC");

    /** Returns whether a trimmed line starts like a heading: a prefix or a single dot. */
    static boolean looksLikeHeading(String trimmed) {
        return isForced(trimmed) || PREFIX.matcher(trimmed).find();
    }

    static boolean isForced(String trimmed) {
        return trimmed.length() > 1 && trimmed.charAt(0) == '.'
                && Character.isLetterOrDigit(trimmed.charAt(1));
    }

    /** Parses a trimmed line for which {@link #looksLikeHeading} holds. */
    static SceneHeading parse(String trimmed, int line) {
        boolean forced = isForced(trimmed);
        String text = forced ? trimmed.substring(1) : trimmed;

        Optional<String> number = Optional.empty();
        Matcher numberMatch = NUMBER.matcher(text);
        if (numberMatch.find()) {
            number = Optional.of(numberMatch.group(1));
            text = text.substring(0, numberMatch.start());
        }
        text = text.strip();

        String intExt = "";
        String place = text;
        Matcher prefix = PREFIX.matcher(text);
        if (!forced && prefix.find()) {
            intExt = normalisedIntExt(prefix.group(1));
            place = text.substring(prefix.end()).strip();
            // "INT - HOUSE - DAY" separates the prefix with a dash as well.
            if (place.startsWith("- ") || place.startsWith("\u2013 ")) {
                place = place.substring(2).strip();
            }
        }
        String[] locationAndTime = splitLocation(place, forced);
        return new SceneHeading(text, number, intExt, locationAndTime[0], locationAndTime[1],
                forced, line);
    }

    private static String normalisedIntExt(String prefix) {
        String upper = prefix.toUpperCase(Locale.ROOT).replace(".", "");
        return switch (upper) {
            case "INT/EXT", "I/E" -> "INT/EXT";
            default -> upper;
        };
    }

    /**
     * Splits "HOUSE - KITCHEN - NIGHT" into location and time of day. The time of day starts at
     * the first dash-separated part that opens with a time word (so "HOUSE - DAY - FLASHBACK"
     * keeps "DAY - FLASHBACK"), otherwise at the last dash, except in a forced heading such as
     * "INSERT - INSIDE THE BOX", which has no place prefix and stays whole. Without a dash, a
     * comma or a final time word separates them, as in "APARTMENT, DAY" or "HOUSE DAY".
     */
    private static String[] splitLocation(String place, boolean forced) {
        List<String> parts = List.of(DASH.split(place));
        if (parts.size() > 1) {
            for (int i = 1; i < parts.size(); i++) {
                if (startsWithTimeWord(parts.get(i))) {
                    return split(place, i);
                }
            }
            return forced ? new String[] {place, ""} : split(place, parts.size() - 1);
        }
        int comma = place.lastIndexOf(',');
        if (comma > 0) {
            return new String[] {place.substring(0, comma).strip(),
                place.substring(comma + 1).strip()};
        }
        int space = place.lastIndexOf(' ');
        if (space > 0 && startsWithTimeWord(place.substring(space + 1))) {
            return new String[] {place.substring(0, space).strip(), place.substring(space + 1)};
        }
        return new String[] {place, ""};
    }

    private static String[] split(String place, int timeStart) {
        Matcher dash = DASH.matcher(place);
        int end = 0;
        int start = 0;
        for (int i = 0; i < timeStart && dash.find(); i++) {
            end = dash.start();
            start = dash.end();
        }
        return new String[] {place.substring(0, end).strip(), place.substring(start).strip()};
    }

    private static boolean startsWithTimeWord(String part) {
        String first = part.strip().split("[\\s(,.]+", 2)[0];
        return TIMES_OF_DAY.contains(first.toUpperCase(Locale.ROOT));
    }
}

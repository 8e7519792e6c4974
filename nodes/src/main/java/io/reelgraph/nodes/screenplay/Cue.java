package io.reelgraph.nodes.screenplay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A character cue line, such as {@code EVE (O.S.)}, {@code @McDUCK} or {@code BRICK ^}.
 *
 * @param character the name without {@code @}, {@code ^} and extensions, upper-cased
 * @param cue the line as written, trimmed
 * @param extensions the texts inside the parentheses after the name
 * @param dual whether the cue ends in {@code ^}, pairing it with the speech before
 */
record Cue(String character, String cue, List<String> extensions, boolean dual) {

    private static final Pattern EXTENSION = Pattern.compile("\\(([^()]*)\\)");

    /**
     * Parses a trimmed line as a cue. Without a forcing {@code @}, the text outside the
     * parentheses must contain a letter and no lower-case letter, so {@code R2D2} is a cue and
     * {@code 23 (O.S.)} is not. Extensions may be lower case, as in {@code (cont'd)}.
     */
    static Optional<Cue> parse(String trimmed) {
        boolean forced = trimmed.startsWith("@");
        String body = (forced ? trimmed.substring(1) : trimmed).strip();
        boolean dual = body.endsWith("^");
        if (dual) {
            body = body.substring(0, body.length() - 1).strip();
        }

        int paren = body.indexOf('(');
        String name = (paren >= 0 ? body.substring(0, paren) : body).strip();
        List<String> extensions = new ArrayList<>();
        String outside = body;
        if (paren >= 0) {
            Matcher extension = EXTENSION.matcher(body.substring(paren));
            while (extension.find()) {
                extensions.add(extension.group(1).strip());
            }
            outside = EXTENSION.matcher(body).replaceAll(" ");
        }

        if (name.isEmpty()) {
            return Optional.empty();
        }
        if (!forced && !(hasLetter(name) && !hasLowerCase(outside))) {
            return Optional.empty();
        }
        return Optional.of(new Cue(name.toUpperCase(Locale.ROOT), trimmed, extensions, dual));
    }

    private static boolean hasLetter(String text) {
        return text.codePoints().anyMatch(Character::isLetter);
    }

    private static boolean hasLowerCase(String text) {
        return text.codePoints().anyMatch(Character::isLowerCase);
    }
}

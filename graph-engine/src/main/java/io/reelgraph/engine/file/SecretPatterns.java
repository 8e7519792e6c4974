package io.reelgraph.engine.file;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Patterns of provider API keys, used to keep keys out of graph files, logs and messages. Each
 * pattern needs the key's prefix or shape plus a run of key characters long enough that ordinary
 * prompt text, ids and file names do not match, and a key must not be glued to a preceding
 * letter or digit ({@code risk-free} does not start an OpenAI key).
 *
 * <p>Covered: OpenAI ({@code sk-}, {@code sk-proj-}), Replicate ({@code r8_}), Runway
 * ({@code key_}), Luma ({@code luma-} plus 8 hex digits and more), Google ({@code AIza}),
 * ElevenLabs ({@code sk_} plus hex, or 32 bare hex digits), fal ({@code uuid:hex}) and bare hex
 * keys of 48 or more digits.
 *
 * <p>NOTE: a bare hex string of 32, or 48 and more, digits is reported even when it is a
 * harmless hash; content hashes written as {@code sha256:<hex>} are exempt. A key shaped like a
 * plain UUID (without a {@code :secret} part) is not detected, because node ids and request ids
 * share that shape.
 */
public final class SecretPatterns {

    private static final String NOT_AFTER_KEY_CHAR = "(?<![A-Za-z0-9_-])";
    private static final String NOT_BEFORE_KEY_CHAR = "(?![A-Za-z0-9_-])";
    private static final String UUID =
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /**
     * A provider key pattern; {@code prefix} is the part of the key that may be shown, and
     * {@code wordLike} marks a pattern whose body may contain {@code -}, so that hyphenated words
     * could match it.
     */
    private record KeyPattern(String provider, String prefix, Pattern pattern, boolean wordLike) {
    }

    private static final List<KeyPattern> PATTERNS = List.of(
            wordLike("OpenAI", "sk-proj-", "sk-proj-[A-Za-z0-9_-]{20,}"),
            wordLike("OpenAI", "sk-", "sk-(?:svcacct-|admin-)?[A-Za-z0-9_-]{20,}"),
            key("ElevenLabs", "sk_", "sk_[0-9a-f]{32,}"),
            key("Replicate", "r8_", "r8_[A-Za-z0-9]{30,}"),
            key("Runway", "key_", "key_[A-Za-z0-9]{32,}"),
            key("Luma", "luma-", "luma-[0-9a-fA-F]{8}-[A-Za-z0-9_-]{20,}"),
            key("Google", "AIza", "AIza[A-Za-z0-9_-]{35}"),
            key("fal", "", UUID + ":[0-9a-fA-F]{20,}"),
            key("hex key", "", "(?<!sha256:)(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{48,})"));

    private SecretPatterns() {
    }

    private static KeyPattern key(String provider, String prefix, String body) {
        return new KeyPattern(provider, prefix,
                Pattern.compile(NOT_AFTER_KEY_CHAR + body + NOT_BEFORE_KEY_CHAR), false);
    }

    private static KeyPattern wordLike(String provider, String prefix, String body) {
        return new KeyPattern(provider, prefix,
                Pattern.compile(NOT_AFTER_KEY_CHAR + body + NOT_BEFORE_KEY_CHAR), true);
    }

    /**
     * Searches text for something that looks like an API key.
     *
     * @return the first match in masked form, such as {@code sk-…a1B2}, or empty
     */
    public static Optional<String> findSecret(String text) {
        for (KeyPattern candidate : PATTERNS) {
            Matcher matcher = candidate.pattern().matcher(text);
            while (matcher.find()) {
                String match = matcher.group();
                String body = match.substring(candidate.prefix().length());
                if (isSecret(candidate, match)) {
                    return Optional.of(mask(match));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the text with every part that looks like an API key replaced by its masked form,
     * for messages and reports that quote user input.
     */
    public static String redact(String text) {
        String result = text;
        for (KeyPattern candidate : PATTERNS) {
            Matcher matcher = candidate.pattern().matcher(result);
            StringBuilder out = new StringBuilder();
            boolean changed = false;
            while (matcher.find()) {
                if (isSecret(candidate, matcher.group())) {
                    matcher.appendReplacement(out, Matcher.quoteReplacement(mask(matcher.group())));
                    changed = true;
                }
            }
            if (changed) {
                matcher.appendTail(out);
                result = out.toString();
            }
        }
        return result;
    }

    /**
     * Returns whether a pattern match is a key. A long provider prefix such as {@code sk-proj-}
     * is specific enough on its own; a short one also needs a body that mixes letters and digits.
     */
    private static boolean isSecret(KeyPattern candidate, String match) {
        String body = match.substring(candidate.prefix().length());
        boolean specificPrefix = candidate.prefix().length() >= 4 && hasLongRun(body);
        return specificPrefix
                || (looksRandom(body) && (!candidate.wordLike() || hasLongRun(body)));
    }

    /** Returns whether the text contains something that looks like an API key. */
    public static boolean containsSecret(String text) {
        return findSecret(text).isPresent();
    }

    /**
     * Masks a secret for display: its provider prefix, an ellipsis and its last four characters,
     * such as {@code sk-…a1B2}. A value of fewer than 12 characters shows only the ellipsis,
     * because four characters of a short value reveal too much of it.
     */
    public static String mask(String secret) {
        if (secret.length() < 12) {
            return "…";
        }
        String prefix = "";
        for (KeyPattern candidate : PATTERNS) {
            if (!candidate.prefix().isEmpty() && secret.startsWith(candidate.prefix())) {
                prefix = candidate.prefix();
                break;
            }
        }
        return prefix + "…" + secret.substring(secret.length() - 4);
    }

    /**
     * Returns whether the text has 16 letters and digits in a row, as generated keys do and
     * hyphenated prompt words such as {@code sk-8mm-film-look-with-grain} do not.
     */
    private static boolean hasLongRun(String body) {
        int run = 0;
        for (int i = 0; i < body.length(); i++) {
            run = Character.isLetterOrDigit(body.charAt(i)) ? run + 1 : 0;
            if (run >= 16) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns whether a key body mixes digits and letters, as generated keys do. This keeps
     * hyphenated words such as {@code sk-the-quick-brown-fox-jumps} from matching.
     */
    private static boolean looksRandom(String body) {
        boolean digit = false;
        boolean letter = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            digit |= c >= '0' && c <= '9';
            letter |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
        return digit && letter;
    }
}

package io.reelgraph.nodes.catalog;

import java.util.Arrays;
import java.util.Optional;

/** The quantity that one price amount pays for. */
public enum PriceUnit {
    /** One API request, however many outputs it returns. */
    REQUEST("request"),
    /** One output image. */
    IMAGE("image"),
    /** One million output pixels (width times height divided by 10^6), per image. */
    MEGAPIXEL("megapixel"),
    /** One second of output audio or video. */
    SECOND("second"),
    /** One minute of output audio or video. */
    MINUTE("minute"),
    /** One thousand characters of input text. */
    THOUSAND_CHARACTERS("1k_characters"),
    /** One million characters of input text. */
    MILLION_CHARACTERS("1m_characters"),
    /** One million input tokens. */
    MILLION_INPUT_TOKENS("1m_input_tokens"),
    /**
     * One million tokens, input and output priced apart by the rule's {@link TokenPrices};
     * the rule's {@code usd} is the input price.
     */
    MILLION_TOKENS("1m_tokens"),
    /** One output video clip, whatever its length. */
    VIDEO("video"),
    /** One output generation such as a sound effect or a song. */
    GENERATION("generation");

    private final String code;

    PriceUnit(String code) {
        this.code = code;
    }

    /** Returns the name used in the catalog file. */
    public String code() {
        return code;
    }

    public static Optional<PriceUnit> fromCode(String code) {
        return Arrays.stream(values()).filter(u -> u.code.equals(code)).findFirst();
    }
}

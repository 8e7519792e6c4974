package io.reelgraph.nodes.catalog;

import java.util.Arrays;
import java.util.Optional;

/** The megapixel count a provider bills: exact, or rounded up to whole megapixels. */
public enum MegapixelRounding {
    /** Exact width times height divided by 10^6. */
    EXACT("exact"),
    /** Rounded up to the next whole megapixel. */
    UP("up");

    private final String code;

    MegapixelRounding(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<MegapixelRounding> fromCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }
}

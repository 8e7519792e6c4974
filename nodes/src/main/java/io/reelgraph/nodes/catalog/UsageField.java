package io.reelgraph.nodes.catalog;

import java.util.Arrays;
import java.util.Optional;

/** The {@link Usage} field that a model param supplies when the usage leaves it unset. */
public enum UsageField {
    COUNT("count"),
    WIDTH("width"),
    HEIGHT("height"),
    /** Output length; a param with unit {@code ms} is converted to seconds. */
    SECONDS("seconds");

    private final String code;

    UsageField(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<UsageField> fromCode(String code) {
        return Arrays.stream(values()).filter(f -> f.code.equals(code)).findFirst();
    }
}

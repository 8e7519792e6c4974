package io.reelgraph.nodes.catalog;

import java.util.Arrays;
import java.util.Optional;

/** The JSON value type a model param takes. */
public enum ParamKind {
    INTEGER("integer"),
    NUMBER("number"),
    /** A string from a fixed list of allowed values. */
    ENUM("enum"),
    STRING("string"),
    BOOLEAN("boolean");

    private final String code;

    ParamKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<ParamKind> fromCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }
}

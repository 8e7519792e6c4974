package io.reelgraph.nodes.catalog;

import java.util.Arrays;
import java.util.Optional;

/** A kind of input that a model accepts besides its params. */
public enum ModelInput {
    TEXT("text"),
    IMAGE("image"),
    VIDEO("video"),
    AUDIO("audio"),
    MASK("mask");

    private final String code;

    ModelInput(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<ModelInput> fromCode(String code) {
        return Arrays.stream(values()).filter(i -> i.code.equals(code)).findFirst();
    }
}

package io.reelgraph.nodes.catalog;

import java.util.Arrays;
import java.util.Optional;

/** The kind of output a model produces. */
public enum Modality {
    IMAGE("image"),
    VIDEO("video"),
    SPEECH("speech"),
    MUSIC("music"),
    SFX("sfx"),
    TEXT("text");

    private final String code;

    Modality(String code) {
        this.code = code;
    }

    /** Returns the name used in the catalog file. */
    public String code() {
        return code;
    }

    public static Optional<Modality> fromCode(String code) {
        return Arrays.stream(values()).filter(m -> m.code.equals(code)).findFirst();
    }
}

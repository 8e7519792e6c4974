package io.reelgraph.nodes.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.reelgraph.engine.type.ParamSpec;
import io.reelgraph.engine.type.ParamSpec.ParamKind;
import java.util.List;

/** Shorthands for declaring node type params. */
final class Params {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Params() {
    }

    static ParamSpec text(String name, String defaultValue, String description) {
        return ParamSpec.builder(name, ParamKind.STRING).defaultValue(JSON.textNode(defaultValue))
                .description(description).build();
    }

    static ParamSpec longText(String name, String defaultValue, String description) {
        return ParamSpec.builder(name, ParamKind.TEXT).defaultValue(JSON.textNode(defaultValue))
                .description(description).build();
    }

    static ParamSpec integer(String name, long defaultValue, long min, long max, String unit,
            String description) {
        return ParamSpec.builder(name, ParamKind.INTEGER).defaultValue(JSON.numberNode(defaultValue))
                .range(min, max).unit(unit).description(description).build();
    }

    static ParamSpec choice(String name, String defaultValue, List<String> allowed,
            String description) {
        return ParamSpec.builder(name, ParamKind.ENUM).defaultValue(JSON.textNode(defaultValue))
                .allowed(allowed).description(description).build();
    }

    static ParamSpec file(String name, String description) {
        return ParamSpec.builder(name, ParamKind.FILE).required().description(description).build();
    }

    static ParamSpec model(String description) {
        return ParamSpec.builder("model", ParamKind.MODEL).required().description(description)
                .build();
    }

    static ParamSpec seed() {
        return integer("seed", 0, 0, 4_294_967_295L, "", "generation seed");
    }

    static ParamSpec variation() {
        return integer("variation", 0, 0, 1_000_000, "",
                "re-roll counter: raise it to pay for a new take");
    }

    static JsonNode number(long value) {
        return JSON.numberNode(value);
    }
}

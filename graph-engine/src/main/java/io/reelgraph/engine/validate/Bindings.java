package io.reelgraph.engine.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.GraphParameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The values of a graph's parameters for one run: each parameter bound to the value given for it
 * (such as {@code --set script=act2.fountain}) or else to its default.
 */
public final class Bindings {

    private static final Bindings EMPTY = new Bindings(new TreeMap<>());

    private final Map<String, JsonNode> values;

    private Bindings(Map<String, JsonNode> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** Returns bindings with no values, for a graph without parameters. */
    public static Bindings empty() {
        return EMPTY;
    }

    /**
     * Binds every graph parameter to its override or default, converting override text by the
     * parameter's kind.
     *
     * @param overrides values by parameter name, as text
     * @throws BindingException listing every problem: overrides that name no parameter, values
     *     that do not convert, and parameters with neither a value nor a default
     */
    public static Bindings of(Graph graph, Map<String, String> overrides) throws BindingException {
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> values = new TreeMap<>();

        for (String name : new TreeMap<>(overrides).keySet()) {
            if (graph.parameter(name).isEmpty()) {
                problems.add(unknownParameter(graph, name));
            }
        }
        for (GraphParameter parameter : graph.parameters()) {
            bind(parameter, overrides.get(parameter.name()), problems)
                    .ifPresent(value -> values.put(parameter.name(), value));
        }
        if (!problems.isEmpty()) {
            throw new BindingException(problems);
        }
        return new Bindings(values);
    }

    private static Optional<JsonNode> bind(GraphParameter parameter, String override,
            List<String> problems) {
        String name = parameter.name();
        if (override != null) {
            Optional<JsonNode> value = ParameterValues.convert(parameter.kind(), override);
            if (value.isEmpty()) {
                problems.add("Value \"" + io.reelgraph.engine.graph.Texts.shorten(override)
                        + "\" for graph parameter \"" + name + "\" is invalid: it must be "
                        + ParameterValues.expected(parameter.kind()));
            }
            return value;
        }
        if (parameter.defaultValue().isEmpty()) {
            problems.add("Graph parameter \"" + name + "\" has no default and no value; set it "
                    + "with --set " + name + "=VALUE");
            return Optional.empty();
        }
        JsonNode defaultValue = parameter.defaultValue().get();
        Optional<String> wrong = ParameterValues.check(parameter.kind(), defaultValue);
        if (wrong.isPresent()) {
            problems.add("The default of graph parameter \"" + name + "\" " + wrong.get()
                    + "; fix the default or set a value with --set " + name + "=VALUE");
            return Optional.empty();
        }
        return Optional.of(defaultValue);
    }

    private static String unknownParameter(Graph graph, String name) {
        String known = graph.parameters().isEmpty()
                ? "the graph has no parameters"
                : "its parameters are " + graph.parameters().stream()
                        .map(GraphParameter::name)
                        .collect(Collectors.joining(", "));
        return "Graph \"" + graph.name() + "\" has no parameter \""
                + io.reelgraph.engine.graph.Texts.shorten(name) + "\"; " + known;
    }

    /** Returns the value bound to a parameter. */
    public Optional<JsonNode> value(String parameterName) {
        return Optional.ofNullable(values.get(parameterName)).map(JsonNode::deepCopy);
    }

    /** Returns every bound value, by parameter name in name order. */
    public Map<String, JsonNode> values() {
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bindings bindings && values.equals(bindings.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Bindings" + values.keySet();
    }
}

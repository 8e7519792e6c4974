package io.reelgraph.engine.validate;

import io.reelgraph.engine.file.SecretPatterns;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.graph.Connection;
import io.reelgraph.engine.graph.ExposedParam;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.graph.Subgraph;
import io.reelgraph.engine.type.Cardinality;
import io.reelgraph.engine.type.FileAccess;
import io.reelgraph.engine.type.NodeType;
import io.reelgraph.engine.type.NodeTypeRegistry;
import io.reelgraph.engine.type.ParamSpec;
import io.reelgraph.engine.type.PortSpec;
import io.reelgraph.engine.type.ValidationInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Checks a whole graph before planning and returns every problem at once. Only root causes are
 * reported: a node of unknown type (or of a newer type version) is a problem of its own, and its
 * connections are not port-checked, because its ports are unknown. Nothing a node reports
 * depends on the validity of its upstream nodes.
 *
 * <p>Cardinality never makes a connection invalid: a list output may feed a one-value input
 * (the node then runs once per item) and a one-value output may feed a list input.
 */
public final class GraphValidator {

    private GraphValidator() {
    }

    /** Validates a graph with its bound parameters; the result is empty for a runnable graph. */
    public static List<Problem> validate(Graph graph, NodeTypeRegistry registry,
            Bindings bindings, FileAccess files) {
        List<Problem> problems = new ArrayList<>();
        Map<NodeId, NodeType> types = nodeTypes(graph, registry, problems);
        checkConnections(graph, types, problems);
        checkLoops(graph, problems);
        for (Node node : graph.nodes()) {
            checkNode(graph, node, types.get(node.id()), bindings, files, problems);
        }
        checkExposedParams(graph, types, problems);
        checkSecrets(graph, bindings, problems);
        checkEndpoints(graph, problems);
        return List.copyOf(problems);
    }

    /**
     * Reports each exposed param that its member node's type does not define, on the member
     * node. Members of unknown type are skipped, because their params are unknown.
     */
    private static void checkExposedParams(Graph graph, Map<NodeId, NodeType> types,
            List<Problem> problems) {
        for (Subgraph subgraph : graph.subgraphs()) {
            for (Map.Entry<String, ExposedParam> entry : subgraph.exposed().entrySet()) {
                ExposedParam exposed = entry.getValue();
                NodeType type = types.get(exposed.node());
                if (type == null || type.param(exposed.param()).isPresent()) {
                    continue;
                }
                problems.add(Problem.error(ProblemCodes.UNKNOWN_EXPOSED_PARAM, "Subgraph "
                        + subgraph.id() + " exposes \"" + entry.getKey() + "\" as param \""
                        + exposed.param() + "\" of this node, but type \"" + type.id()
                        + "\" has no such param; its params are " + type.params().stream()
                                .map(ParamSpec::name).toList() + ". Expose one of them or"
                        + " remove the exposed param", exposed.node()));
            }
        }
    }

    /**
     * Reports every string of the graph and of the bound parameter values that looks like an
     * API key: params, layout and unknown members of each node, the description and parameter
     * values. The message names the place and shows the key masked.
     */
    private static void checkSecrets(Graph graph, Bindings bindings, List<Problem> problems) {
        for (Node node : graph.nodes()) {
            secretsIn(node.params(), "param ", node.id(), problems);
            secretsIn(node.layout(), "layout ", node.id(), problems);
            secretsIn(node.extra(), "", node.id(), problems);
        }
        for (Subgraph subgraph : graph.subgraphs()) {
            secretsIn(subgraph.layout(), "subgraph " + subgraph.id() + " layout ", null,
                    problems);
            secretsIn(com.fasterxml.jackson.databind.node.TextNode.valueOf(subgraph.name()),
                    "subgraph " + subgraph.id() + " name", null, problems);
        }
        SecretPatterns.findSecret(graph.description()).ifPresent(masked -> problems.add(
                Problem.graphError(ProblemCodes.SECRET_IN_GRAPH, "the graph description contains"
                        + " what looks like an API key (" + masked + "); remove it, because"
                        + " graph files are shared")));
        bindings.values().forEach((name, value) -> secretsIn(value, "graph parameter " + name,
                null, problems));
    }

    private static void secretsIn(JsonNode value, String place, NodeId node,
            List<Problem> problems) {
        if (value.isTextual()) {
            SecretPatterns.findSecret(value.asText()).ifPresent(masked -> problems.add(
                    new Problem(Problem.Severity.ERROR, ProblemCodes.SECRET_IN_GRAPH,
                            place.strip() + " contains what looks like an API key (" + masked
                                    + "); keys belong in the key store or an environment"
                                    + " variable, never in a graph file",
                            java.util.Optional.ofNullable(node), java.util.Optional.empty())));
            return;
        }
        var fields = value.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            secretsIn(field.getValue(), place + (place.isEmpty() || place.endsWith(" ") ? "" : ".")
                    + field.getKey(), node, problems);
        }
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                secretsIn(value.get(i), place + "[" + i + "]", node, problems);
            }
        }
    }

    /**
     * Reports the members of the graph file outside node params that name an endpoint or hold a
     * URL: unknown top-level members and unknown members of each node. Params are checked with
     * the other params of their node, because a param the node's type defines may hold a URL.
     */
    private static void checkEndpoints(Graph graph, List<Problem> problems) {
        EndpointFields.check(graph.extra(), "Graph file member", Optional.empty(), problems);
        for (Node node : graph.nodes()) {
            EndpointFields.check(node.extra(), "Node member", Optional.of(node.id()), problems);
        }
    }

    /**
     * Returns the node ids in an order where each node comes after its predecessors; among nodes
     * that are ready at the same time, the smallest id comes first.
     *
     * @throws IllegalArgumentException if the graph has a loop
     */
    public static List<NodeId> topologicalOrder(Graph graph) {
        List<NodeId> order = GraphCycles.kahnOrder(graph);
        if (order.size() < graph.nodeCount()) {
            List<GraphCycles.Loop> loops = GraphCycles.loops(graph);
            throw new IllegalArgumentException("Graph \"" + graph.name() + "\" has no order, "
                    + "because connections form a loop: " + describe(loops.get(0).path())
                    + "; validate the graph first");
        }
        return order;
    }

    /** Returns the node types of the nodes that can be checked further, by node id. */
    private static Map<NodeId, NodeType> nodeTypes(Graph graph, NodeTypeRegistry registry,
            List<Problem> problems) {
        Map<NodeId, NodeType> types = new HashMap<>();
        for (Node node : graph.nodes()) {
            Optional<NodeType> type = registry.find(node.type());
            if (type.isEmpty()) {
                problems.add(Problem.error(ProblemCodes.UNKNOWN_NODE_TYPE, "Node type \""
                        + node.type() + "\" is unknown to this Reelgraph. The node is kept as a "
                        + "placeholder with its params and connections, but the graph cannot run "
                        + "until the type is available or the node is removed", node.id()));
            } else if (node.typeVersion() > type.get().version()) {
                problems.add(Problem.error(ProblemCodes.NEWER_NODE_TYPE_VERSION, "The node was "
                        + "saved with version " + node.typeVersion() + " of type \"" + node.type()
                        + "\", but this Reelgraph has version " + type.get().version()
                        + "; update Reelgraph to run it", node.id()));
            } else {
                types.put(node.id(), type.get());
            }
        }
        return types;
    }

    private static void checkConnections(Graph graph, Map<NodeId, NodeType> types,
            List<Problem> problems) {
        for (Connection connection : graph.connections()) {
            NodeId from = connection.from().node();
            NodeId to = connection.to().node();
            if (graph.node(from).isEmpty() || graph.node(to).isEmpty()) {
                NodeId missing = graph.node(from).isEmpty() ? from : to;
                NodeId anchor = graph.node(to).isPresent() ? to : from;
                problems.add(Problem.error(ProblemCodes.MISSING_NODE, "Connection " + connection
                        + " refers to node " + missing + ", which is not in the graph; remove "
                        + "the connection", graph.node(anchor).isPresent() ? anchor : null));
                continue;
            }
            NodeType source = types.get(from);
            NodeType target = types.get(to);
            if (source == null || target == null) {
                continue;
            }
            checkPorts(connection, source, target, problems);
        }

        for (Node node : graph.nodes()) {
            if (!types.containsKey(node.id())) {
                continue;
            }
            Map<String, List<Connection>> byPort = new TreeMap<>();
            for (Connection connection : graph.incoming(node.id())) {
                byPort.computeIfAbsent(connection.to().port(), p -> new ArrayList<>())
                        .add(connection);
            }
            NodeType type = types.get(node.id());
            byPort.forEach((port, connections) -> {
                // A list input gathers every connection into one list, in source order.
                boolean list = type.input(port)
                        .map(spec -> spec.cardinality() == Cardinality.LIST)
                        .orElse(false);
                if (connections.size() > 1 && !list) {
                    problems.add(Problem.error(ProblemCodes.INPUT_CONNECTED_TWICE, "Input \""
                            + port + "\" has " + connections.size() + " connections, from "
                            + connections.stream().map(c -> c.from().toString())
                                    .collect(Collectors.joining(", "))
                            + "; a one-value input takes one connection, so remove all but one",
                            node.id(), port));
                }
            });
        }
    }

    private static void checkPorts(Connection connection, NodeType source, NodeType target,
            List<Problem> problems) {
        Optional<PortSpec> output = source.output(connection.from().port());
        Optional<PortSpec> input = target.input(connection.to().port());
        if (output.isEmpty()) {
            problems.add(Problem.error(ProblemCodes.UNKNOWN_OUTPUT_PORT, "Type \"" + source.id()
                    + "\" has no output \"" + connection.from().port() + "\"; its outputs are "
                    + portNames(source.outputs()), connection.from().node(),
                    connection.from().port()));
        }
        if (input.isEmpty()) {
            problems.add(Problem.error(ProblemCodes.UNKNOWN_INPUT_PORT, "Type \"" + target.id()
                    + "\" has no input \"" + connection.to().port() + "\"; its inputs are "
                    + portNames(target.inputs()), connection.to().node(), connection.to().port()));
        }
        if (output.isPresent() && input.isPresent()
                && !output.get().type().canFeed(input.get().type())) {
            problems.add(Problem.error(ProblemCodes.INCOMPATIBLE_PORTS, "Output "
                    + connection.from() + " carries " + output.get().type().displayName()
                    + ", but input \"" + input.get().name() + "\" takes "
                    + input.get().type().displayName() + "; connect an output of type "
                    + input.get().type().displayName(), connection.to().node(),
                    connection.to().port()));
        }
    }

    private static void checkLoops(Graph graph, List<Problem> problems) {
        for (GraphCycles.Loop loop : GraphCycles.loops(graph)) {
            Set<NodeId> others = new java.util.TreeSet<>(loop.component());
            loop.path().forEach(others::remove);
            String shared = others.isEmpty() ? "" : " (nodes " + others.stream()
                    .map(NodeId::toString).collect(Collectors.joining(", "))
                    + " are part of further loops through these nodes)";
            problems.add(Problem.error(ProblemCodes.CYCLE, "Connections form a loop: "
                    + describe(loop.path()) + shared + "; a graph must not feed a node its own "
                    + "output, so remove one of these connections", loop.path().get(0)));
        }
    }

    private static void checkNode(Graph graph, Node node, NodeType type, Bindings bindings,
            FileAccess files, List<Problem> problems) {
        int before = problems.size();
        checkReferences(graph, node, bindings, problems);
        if (type == null) {
            return;
        }
        checkInputs(graph, node, type, problems);
        checkParams(node, type, bindings, problems);
        boolean nodeHasErrors = problems.subList(before, problems.size()).stream()
                .anyMatch(Problem::isError);
        if (!nodeHasErrors) {
            problems.addAll(typeChecks(node, type, bindings, files));
        }
    }

    private static void checkReferences(Graph graph, Node node, Bindings bindings,
            List<Problem> problems) {
        node.params().fields().forEachRemaining(param -> {
            Optional<String> reference = ParamResolver.reference(param.getValue());
            if (reference.isEmpty()) {
                return;
            }
            String name = reference.get();
            if (graph.parameter(name).isEmpty()) {
                String known = graph.parameters().isEmpty() ? "the graph has no parameters"
                        : "its parameters are " + graph.parameters().stream()
                                .map(p -> p.name()).collect(Collectors.joining(", "));
                problems.add(Problem.error(ProblemCodes.UNKNOWN_GRAPH_PARAMETER, "Param \""
                        + param.getKey() + "\" refers to graph parameter \"" + name + "\", which "
                        + "the graph does not define (" + known + "); define it, or write \"$$"
                        + name + "\" for the literal text \"$" + name + "\"", node.id()));
            } else if (bindings.value(name).isEmpty()) {
                problems.add(Problem.error(ProblemCodes.UNBOUND_GRAPH_PARAMETER, "Param \""
                        + param.getKey() + "\" refers to graph parameter \"" + name + "\", which "
                        + "has no value; give it a default or set it with --set " + name
                        + "=VALUE", node.id()));
            }
        });
    }

    private static void checkInputs(Graph graph, Node node, NodeType type,
            List<Problem> problems) {
        Set<String> connected = new HashSet<>();
        graph.incoming(node.id()).forEach(c -> connected.add(c.to().port()));
        for (PortSpec input : type.inputs()) {
            if (!input.optional() && !connected.contains(input.name())) {
                problems.add(Problem.error(ProblemCodes.MISSING_INPUT, "Required input \""
                        + input.name() + "\" (" + input.type().displayName() + ") has no "
                        + "connection; connect an output of type " + input.type().displayName(),
                        node.id(), input.name()));
            }
        }
    }

    private static void checkParams(Node node, NodeType type, Bindings bindings,
            List<Problem> problems) {
        ObjectNode params = node.params();
        params.fields().forEachRemaining(param -> {
            String name = param.getKey();
            if (type.param(name).isEmpty() && !EndpointFields.checkUndefinedParam(name,
                    param.getValue(), node.id(), problems)) {
                problems.add(Problem.warning(ProblemCodes.UNKNOWN_PARAM, "Param \"" + name
                        + "\" is not a param of type \"" + type.id() + "\" and is ignored; its "
                        + "params are " + type.params().stream().map(ParamSpec::name).toList(),
                        node.id(), null));
            }
        });
        for (ParamSpec spec : type.params()) {
            JsonNode value = params.get(spec.name());
            if (value == null) {
                if (spec.required()) {
                    problems.add(Problem.error(ProblemCodes.MISSING_PARAM, "Required param \""
                            + spec.name() + "\" is not set; set it in the node's params",
                            node.id()));
                }
                continue;
            }
            // An unbound reference is reported by checkReferences already.
            Optional<JsonNode> resolved = ParamResolver.substitute(value, bindings);
            if (resolved.isEmpty()) {
                continue;
            }
            Optional<String> reference = ParamResolver.reference(value);
            Optional<String> wrong = spec.check(resolved.get());
            if (wrong.isPresent()) {
                String source = reference.map(r -> " (from graph parameter \"" + r + "\")")
                        .orElse("");
                problems.add(Problem.error(ProblemCodes.INVALID_PARAM, "Param \"" + spec.name()
                        + "\"" + source + " " + wrong.get(), node.id()));
            }
        }
    }

    /** Runs the node type's own check; a type that throws is reported, not passed on. */
    private static List<Problem> typeChecks(Node node, NodeType type, Bindings bindings,
            FileAccess files) {
        try {
            ObjectNode resolved = ParamResolver.resolve(node, type, bindings);
            return type.validate(new ValidationInput(node.id(), resolved, files));
        } catch (RuntimeException e) {
            return List.of(Problem.error(ProblemCodes.NODE_TYPE_CHECK_FAILED, "Node type \""
                    + type.id() + "\" failed while checking this node: " + e
                    + "; this is a bug in the node type, so report it with the graph file",
                    node.id()));
        }
    }

    private static String portNames(List<PortSpec> ports) {
        if (ports.isEmpty()) {
            return "none";
        }
        return ports.stream().map(PortSpec::name).collect(Collectors.joining(", "));
    }

    private static String describe(List<NodeId> loop) {
        return loop.stream().map(NodeId::toString).collect(Collectors.joining(" -> "))
                + " -> " + loop.get(0);
    }
}

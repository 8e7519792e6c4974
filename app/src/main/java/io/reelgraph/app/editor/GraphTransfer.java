package io.reelgraph.app.editor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.file.GraphFile;
import io.reelgraph.engine.file.GraphFileException;
import io.reelgraph.engine.file.SecretPatterns;
import io.reelgraph.engine.graph.Connection;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.graph.PortRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Copies nodes to text and pastes them back, through the graph file codec. The text is a graph
 * file that contains the copied nodes and the connections between them. It is checked for API
 * keys exactly like a save, so a node that contains a key is never copied.
 */
final class GraphTransfer {

    /** How far pasted nodes are moved from the copied ones, so they do not hide them. */
    static final int PASTE_OFFSET = 40;

    private static final String FRAGMENT_NAME = "Copied nodes";
    private static final Pattern NUMBERED = Pattern.compile("(.+)-(\\d+)");

    /** Nodes added by a paste and the graph that contains them. */
    record Pasted(Graph graph, List<NodeId> added) {
    }

    private GraphTransfer() {
    }

    /**
     * Returns the text of the selected nodes with the connections between them.
     *
     * @throws SecretInParamException if a param of a selected node looks like an API key
     * @throws GraphFileException if another string of a selected node looks like an API key
     */
    static String copy(Graph graph, Set<NodeId> selected, String writtenBy)
            throws SecretInParamException, GraphFileException {
        List<Node> nodes = new ArrayList<>();
        for (NodeId id : selected) {
            graph.node(id).ifPresent(nodes::add);
        }
        for (Node node : nodes) {
            checkParams(node);
        }
        List<Connection> inner = graph.connections().stream()
                .filter(c -> selected.contains(c.from().node()) && selected.contains(c.to().node()))
                .toList();
        Graph fragment = Graph.of(FRAGMENT_NAME, "", List.of(), nodes, inner,
                JsonNodeFactory.instance.objectNode());
        return GraphFile.toText(fragment, writtenBy);
    }

    /** Parses copied text; text that is not a graph file raises with the parse error. */
    static Graph parse(String text) throws GraphFileException {
        return GraphFile.parse(text, "the clipboard");
    }

    /**
     * Adds the nodes of a copied fragment to a graph under fresh ids, keeps the connections
     * between them, and moves them by {@link #PASTE_OFFSET} so they do not hide the originals.
     */
    static Pasted paste(Graph into, Graph fragment) {
        Map<NodeId, NodeId> fresh = new HashMap<>();
        Set<NodeId> taken = new LinkedHashSet<>();
        into.nodes().forEach(node -> taken.add(node.id()));
        Graph changed = into;
        List<NodeId> added = new ArrayList<>();
        for (Node node : fragment.nodes()) {
            NodeId id = freshId(node.id(), taken);
            taken.add(id);
            fresh.put(node.id(), id);
            changed = changed.withNode(node.withId(id).withLayout(moved(node.layout())));
            added.add(id);
        }
        for (Connection connection : fragment.connections()) {
            // Text from elsewhere may connect to nodes it does not contain; those are dropped.
            if (!fresh.containsKey(connection.from().node())
                    || !fresh.containsKey(connection.to().node())) {
                continue;
            }
            changed = changed.withConnection(new Connection(
                    new PortRef(fresh.get(connection.from().node()), connection.from().port()),
                    new PortRef(fresh.get(connection.to().node()), connection.to().port())));
        }
        return new Pasted(changed, List.copyOf(added));
    }

    /** Returns {@code base-N} with the lowest free N; base is the id without a trailing number. */
    private static NodeId freshId(NodeId original, Set<NodeId> taken) {
        Matcher numbered = NUMBERED.matcher(original.value());
        String base = numbered.matches() ? numbered.group(1) : original.value();
        for (int number = 1; ; number++) {
            String candidate = base + "-" + number;
            if (NodeId.isValid(candidate) && !taken.contains(NodeId.of(candidate))) {
                return NodeId.of(candidate);
            }
            if (!NodeId.isValid(candidate)) {
                throw new IllegalArgumentException("Node id " + original + " is too long to"
                        + " number; rename the node before pasting it");
            }
        }
    }

    private static ObjectNode moved(ObjectNode layout) {
        ObjectNode copy = layout.deepCopy();
        for (String axis : List.of("x", "y")) {
            JsonNode value = copy.get(axis);
            if (value != null && value.isNumber()) {
                copy.put(axis, value.asDouble() + PASTE_OFFSET);
            }
        }
        return copy;
    }

    private static void checkParams(Node node) throws SecretInParamException {
        Iterator<Map.Entry<String, JsonNode>> params = node.params().fields();
        while (params.hasNext()) {
            Map.Entry<String, JsonNode> param = params.next();
            Optional<String> secret = findSecret(param.getValue());
            if (secret.isPresent()) {
                throw new SecretInParamException(node.id(), param.getKey(), secret.get());
            }
        }
    }

    private static Optional<String> findSecret(JsonNode value) {
        if (value.isTextual()) {
            return SecretPatterns.findSecret(value.asText());
        }
        for (JsonNode child : value) {
            Optional<String> secret = findSecret(child);
            if (secret.isPresent()) {
                return secret;
            }
        }
        return Optional.empty();
    }

    /** A param of a node to copy looks like an API key; the message shows it masked. */
    static final class SecretInParamException extends Exception {

        SecretInParamException(NodeId node, String param, String masked) {
            super("Not copied: node " + node + ", param " + param + " contains what looks like"
                    + " an API key (" + masked + "). Remove the key from the param; keys belong"
                    + " in the key vault, never in a graph or on the clipboard.");
        }
    }
}

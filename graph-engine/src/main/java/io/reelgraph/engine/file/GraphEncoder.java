package io.reelgraph.engine.file;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.engine.graph.Connection;
import io.reelgraph.engine.graph.ExposedParam;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.GraphParameter;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.graph.PortRef;
import io.reelgraph.engine.graph.Subgraph;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes a graph as graph file text in one canonical layout, so that the same graph always gives
 * the same bytes and a change to one node changes only its own lines.
 *
 * <p>The layout: 2-space indentation, LF line ends and a final newline; the known top-level
 * members in a fixed order, then unknown top-level members sorted by name; one connection per
 * line; members of every free-form object (params, layout, unknown members, defaults) sorted by
 * name at every depth. Subgraphs come in id order, each with its members in id order on one
 * line, and the member is left out when the graph has none. Numbers keep the exact value and scale they were read with: a
 * decimal with digits after the point is written in plain form ({@code 1.50} stays
 * {@code 1.50}), and one without, such as {@code 1e3}, keeps exponent form ({@code 1E3}) so it reads back as the same
 * decimal rather than as a whole number.
 */
final class GraphEncoder {

    private static final String INDENT = "  ";

    private final StringBuilder out = new StringBuilder(4096);

    String encode(Graph graph, String writtenBy) {
        out.append("{\n");
        member(1, "format", GraphFile.FORMAT);
        out.append(",\n");
        indent(1).append("\"version\": ").append(GraphFileMigrations.CURRENT_VERSION).append(",\n");
        member(1, "writtenBy", writtenBy);
        out.append(",\n");
        member(1, "name", graph.name());
        out.append(",\n");
        member(1, "description", graph.description());
        out.append(",\n");
        parameters(graph.parameters());
        out.append(",\n");
        nodes(graph);
        out.append(",\n");
        connections(graph.connections());
        // Without subgraphs the member is left out, so older files keep their exact bytes.
        if (!graph.subgraphs().isEmpty()) {
            out.append(",\n");
            subgraphs(graph.subgraphs());
        }
        for (Map.Entry<String, JsonNode> extra : sortedMembers(graph.extra())) {
            out.append(",\n");
            indent(1);
            string(extra.getKey());
            out.append(": ");
            value(extra.getValue(), 1);
        }
        out.append("\n}\n");
        return out.toString();
    }

    private void parameters(List<GraphParameter> parameters) {
        indent(1).append("\"parameters\": ");
        if (parameters.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append("[\n");
        for (int i = 0; i < parameters.size(); i++) {
            GraphParameter parameter = parameters.get(i);
            indent(2).append("{\n");
            member(3, "name", parameter.name());
            out.append(",\n");
            member(3, "type", parameter.kind().jsonName());
            if (parameter.defaultValue().isPresent()) {
                out.append(",\n");
                indent(3).append("\"default\": ");
                value(parameter.defaultValue().get(), 3);
            }
            if (!parameter.description().isEmpty()) {
                out.append(",\n");
                member(3, "description", parameter.description());
            }
            out.append('\n');
            indent(2).append(i + 1 < parameters.size() ? "},\n" : "}\n");
        }
        indent(1).append(']');
    }

    private void nodes(Graph graph) {
        indent(1).append("\"nodes\": ");
        if (graph.nodeCount() == 0) {
            out.append("[]");
            return;
        }
        out.append("[\n");
        Iterator<Node> nodes = graph.nodes().iterator();
        while (nodes.hasNext()) {
            node(nodes.next());
            out.append(nodes.hasNext() ? ",\n" : "\n");
        }
        indent(1).append(']');
    }

    private void node(Node node) {
        indent(2).append("{\n");
        member(3, "id", node.id().value());
        out.append(",\n");
        member(3, "type", node.type());
        out.append(",\n");
        indent(3).append("\"typeVersion\": ").append(node.typeVersion()).append(",\n");
        indent(3).append("\"params\": ");
        value(node.params(), 3);
        out.append(",\n");
        indent(3).append("\"layout\": ");
        value(node.layout(), 3);
        for (Map.Entry<String, JsonNode> extra : sortedMembers(node.extra())) {
            out.append(",\n");
            indent(3);
            string(extra.getKey());
            out.append(": ");
            value(extra.getValue(), 3);
        }
        out.append('\n');
        indent(2).append('}');
    }

    private void connections(List<Connection> connections) {
        indent(1).append("\"connections\": ");
        if (connections.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append("[\n");
        for (int i = 0; i < connections.size(); i++) {
            Connection connection = connections.get(i);
            indent(2).append("{ \"from\": ");
            portRef(connection.from());
            out.append(", \"to\": ");
            portRef(connection.to());
            out.append(i + 1 < connections.size() ? " },\n" : " }\n");
        }
        indent(1).append(']');
    }

    private void subgraphs(Collection<Subgraph> subgraphs) {
        indent(1).append("\"subgraphs\": [\n");
        Iterator<Subgraph> remaining = subgraphs.iterator();
        while (remaining.hasNext()) {
            Subgraph subgraph = remaining.next();
            indent(2).append("{\n");
            member(3, "id", subgraph.id().value());
            out.append(",\n");
            member(3, "name", subgraph.name());
            out.append(",\n");
            indent(3).append("\"members\": [ ");
            Iterator<NodeId> members = subgraph.members().iterator();
            while (members.hasNext()) {
                string(members.next().value());
                out.append(members.hasNext() ? ", " : " ]");
            }
            out.append(",\n");
            exposed(subgraph.exposed());
            out.append(",\n");
            indent(3).append("\"layout\": ");
            value(subgraph.layout(), 3);
            out.append('\n');
            indent(2).append(remaining.hasNext() ? "},\n" : "}\n");
        }
        indent(1).append(']');
    }

    private void exposed(Map<String, ExposedParam> exposed) {
        indent(3).append("\"exposed\": ");
        if (exposed.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append("{\n");
        Iterator<Map.Entry<String, ExposedParam>> entries = exposed.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, ExposedParam> entry = entries.next();
            indent(4);
            string(entry.getKey());
            out.append(": { \"node\": ");
            string(entry.getValue().node().value());
            out.append(", \"param\": ");
            string(entry.getValue().param());
            out.append(entries.hasNext() ? " },\n" : " }\n");
        }
        indent(3).append('}');
    }

    private void portRef(PortRef ref) {
        out.append("{ \"node\": ");
        string(ref.node().value());
        out.append(", \"port\": ");
        string(ref.port());
        out.append(" }");
    }

    private void value(JsonNode value, int depth) {
        if (value.isObject()) {
            List<Map.Entry<String, JsonNode>> members = sortedMembers(value);
            if (members.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            for (int i = 0; i < members.size(); i++) {
                indent(depth + 1);
                string(members.get(i).getKey());
                out.append(": ");
                value(members.get(i).getValue(), depth + 1);
                out.append(i + 1 < members.size() ? ",\n" : "\n");
            }
            indent(depth).append('}');
        } else if (value.isArray()) {
            if (value.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            for (int i = 0; i < value.size(); i++) {
                indent(depth + 1);
                value(value.get(i), depth + 1);
                out.append(i + 1 < value.size() ? ",\n" : "\n");
            }
            indent(depth).append(']');
        } else if (value.isTextual()) {
            string(value.asText());
        } else if (value.isFloatingPointNumber()) {
            out.append(decimal(value.decimalValue()));
        } else if (value.isNumber()) {
            out.append(value.bigIntegerValue());
        } else if (value.isBoolean()) {
            out.append(value.booleanValue());
        } else {
            out.append("null");
        }
    }

    /** Writes a decimal so that it reads back with the same value and scale. */
    static String decimal(BigDecimal value) {
        if (value.scale() > 0) {
            return value.toPlainString();
        }
        return value.unscaledValue() + "E" + (-value.scale());
    }

    private static List<Map.Entry<String, JsonNode>> sortedMembers(JsonNode object) {
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>();
        object.fields().forEachRemaining(members::add);
        members.sort(Map.Entry.comparingByKey());
        return members;
    }

    private void member(int depth, String name, String text) {
        indent(depth);
        string(name);
        out.append(": ");
        string(text);
    }

    private StringBuilder indent(int depth) {
        for (int i = 0; i < depth; i++) {
            out.append(INDENT);
        }
        return out;
    }

    /** Appends a JSON string literal; only the characters JSON requires are escaped. */
    private void string(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

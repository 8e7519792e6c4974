package io.reelgraph.engine.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.file.JsonTreeReader.LocatedTree;
import io.reelgraph.engine.graph.Connection;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.GraphParameter;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.graph.PortRef;
import io.reelgraph.engine.graph.Subgraph;
import io.reelgraph.engine.graph.Texts;
import io.reelgraph.engine.validate.ParameterValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the JSON tree of a graph file into a {@link Graph}, checking every member and reporting
 * the first problem with its line and column. Unknown top-level and node members are kept;
 * unknown members of parameters and connections are errors, because those records have no place
 * to keep them and dropping them would silently change the file.
 */
final class GraphDecoder {

    static final Set<String> TOP_LEVEL_MEMBERS = Set.of("format", "version", "writtenBy", "name",
            "description", "parameters", "nodes", "connections", "subgraphs");
    static final Set<String> NODE_MEMBERS = Set.of("id", "type", "typeVersion", "params", "layout");
    private static final Set<String> PARAMETER_MEMBERS =
            Set.of("name", "type", "default", "description");

    private final String sourceName;
    private final GraphFileLimits limits;
    private final GraphFileMigrations migrations;
    private LocatedTree tree;

    GraphDecoder(String sourceName, GraphFileLimits limits, GraphFileMigrations migrations) {
        this.sourceName = sourceName;
        this.limits = limits;
        this.migrations = migrations;
    }

    Graph decode(LocatedTree located) throws GraphFileException {
        this.tree = located;
        if (!located.root().isObject()) {
            throw error("", "a graph file is a JSON object with \"format\": \"reelgraph\", but "
                    + "this file contains " + kindOf(located.root()));
        }
        ObjectNode root = checkHeader((ObjectNode) located.root());

        String name = optionalText(root, "name", "/name");
        String description = optionalText(root, "description", "/description");
        List<GraphParameter> parameters = parameters(root.get("parameters"));
        Map<NodeId, Node> nodes = nodes(root.get("nodes"));
        List<Connection> connections = connections(root.get("connections"), nodes);
        List<Subgraph> subgraphs = new SubgraphDecoder(this, nodes)
                .subgraphs(root.get("subgraphs"));

        ObjectNode extra = JsonNodeFactory.instance.objectNode();
        root.fields().forEachRemaining(member -> {
            if (!TOP_LEVEL_MEMBERS.contains(member.getKey())) {
                extra.set(member.getKey(), member.getValue());
            }
        });
        return Graph.of(name, description, parameters, nodes.values(), connections, extra,
                subgraphs);
    }

    /** Checks format and version, and migrates an older file to the current version. */
    private ObjectNode checkHeader(ObjectNode root) throws GraphFileException {
        JsonNode format = root.get("format");
        if (format == null) {
            throw error("", "member \"format\" is missing; a Reelgraph graph file starts with "
                    + "\"format\": \"reelgraph\", so this is probably not a graph file");
        }
        if (!format.isTextual() || !format.asText().equals(GraphFile.FORMAT)) {
            throw error("/format", "\"format\" is " + quote(format) + ", expected \"reelgraph\"; "
                    + "this is not a Reelgraph graph file");
        }

        JsonNode version = root.get("version");
        if (version == null) {
            throw error("", "member \"version\" is missing; add \"version\": "
                    + migrations.currentVersion() + " if the file was written by hand");
        }
        if (!version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() < 1) {
            throw error("/version", "\"version\" must be a whole number of at least 1, got "
                    + quote(version));
        }
        int fileVersion = version.intValue();
        if (fileVersion > migrations.currentVersion()) {
            throw error("/version", "the file has format version " + fileVersion
                    + " and was written by a newer Reelgraph; this program reads versions up to "
                    + migrations.currentVersion() + ", so update Reelgraph to open it");
        }
        if (fileVersion < migrations.oldestVersion()) {
            throw error("/version", "format version " + fileVersion + " is older than the oldest "
                    + "version this program can migrate (" + migrations.oldestVersion() + ")");
        }
        JsonNode writtenBy = root.get("writtenBy");
        if (writtenBy != null && !writtenBy.isTextual()) {
            throw error("/writtenBy", "\"writtenBy\" must be text, got " + quote(writtenBy));
        }
        return fileVersion == migrations.currentVersion()
                ? root : migrations.migrate(root, fileVersion);
    }

    private List<GraphParameter> parameters(JsonNode array) throws GraphFileException {
        List<GraphParameter> parameters = new ArrayList<>();
        if (array == null) {
            return parameters;
        }
        requireArray(array, "/parameters", "\"parameters\"");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String at = "/parameters/" + i;
            JsonNode member = array.get(i);
            String label = "graph parameter " + (i + 1);
            requireObject(member, at, label);
            rejectUnknownMembers(member, at, label, PARAMETER_MEMBERS);

            JsonNode nameNode = member.get("name");
            if (nameNode == null || !nameNode.isTextual() || !NodeId.isValid(nameNode.asText())) {
                throw error(nameNode == null ? at : at + "/name", label + " needs a \"name\" of "
                        + "1 to 100 letters, digits, '-', '_' or '.', got " + quote(nameNode));
            }
            String name = nameNode.asText();
            if (!seen.add(name)) {
                throw error(at + "/name", "graph parameter \"" + name + "\" is defined twice; "
                        + "rename or remove one");
            }
            GraphParameter.Kind kind = parameterKind(member.get("type"), at, name);
            Optional<JsonNode> defaultValue = Optional.ofNullable(member.get("default"));
            if (defaultValue.isPresent()) {
                Optional<String> wrong = ParameterValues.check(kind, defaultValue.get());
                if (wrong.isPresent()) {
                    throw error(at + "/default", "the default of graph parameter \"" + name
                            + "\" " + wrong.get() + "; fix the default or the type");
                }
            }
            String description = optionalText(member, "description", at + "/description");
            parameters.add(new GraphParameter(name, kind, defaultValue, description));
        }
        return parameters;
    }

    private GraphParameter.Kind parameterKind(JsonNode type, String at, String name)
            throws GraphFileException {
        Optional<GraphParameter.Kind> kind = type != null && type.isTextual()
                ? GraphParameter.Kind.fromJsonName(type.asText()) : Optional.empty();
        if (kind.isEmpty()) {
            throw error(type == null ? at : at + "/type", "graph parameter \"" + name + "\" has "
                    + "type " + quote(type) + "; use string, number, integer, boolean or file");
        }
        return kind.get();
    }

    private Map<NodeId, Node> nodes(JsonNode array) throws GraphFileException {
        Map<NodeId, Node> nodes = new HashMap<>();
        if (array == null) {
            return nodes;
        }
        requireArray(array, "/nodes", "\"nodes\"");
        if (array.size() > limits.maxNodes()) {
            throw error("/nodes", "the file has " + array.size() + " nodes, more than the limit of "
                    + limits.maxNodes() + " nodes per graph; split the graph into smaller files");
        }
        for (int i = 0; i < array.size(); i++) {
            Node node = node(array.get(i), "/nodes/" + i, i + 1);
            if (nodes.put(node.id(), node) != null) {
                throw error("/nodes/" + i + "/id", "node id \"" + node.id() + "\" is used by "
                        + "more than one node; give each node its own id");
            }
        }
        return nodes;
    }

    private Node node(JsonNode member, String at, int number) throws GraphFileException {
        requireObject(member, at, "node " + number);
        JsonNode idNode = member.get("id");
        if (idNode == null) {
            throw error(at, "node " + number + " has no \"id\"; give it a unique id such as "
                    + "\"keyframe\"");
        }
        if (!idNode.isTextual() || !NodeId.isValid(idNode.asText())) {
            throw error(at + "/id", "node id " + quote(idNode) + " is invalid; use 1 to 100 "
                    + "letters, digits, '-', '_' or '.', starting with a letter or digit");
        }
        NodeId id = NodeId.of(idNode.asText());

        JsonNode type = member.get("type");
        if (type == null || !type.isTextual() || type.asText().isBlank()) {
            throw error(type == null ? at : at + "/type", "node \"" + id + "\" needs a \"type\" "
                    + "such as \"model.image\", got " + quote(type));
        }
        JsonNode typeVersion = member.get("typeVersion");
        if (typeVersion == null || !typeVersion.isIntegralNumber() || !typeVersion.canConvertToInt()
                || typeVersion.intValue() < 1) {
            throw error(typeVersion == null ? at : at + "/typeVersion", "node \"" + id + "\" needs"
                    + " a \"typeVersion\" that is a whole number of at least 1, got "
                    + quote(typeVersion));
        }
        ObjectNode params = objectMember(member, "params", at, id);
        ObjectNode layout = objectMember(member, "layout", at, id);

        ObjectNode extra = JsonNodeFactory.instance.objectNode();
        member.fields().forEachRemaining(field -> {
            if (!NODE_MEMBERS.contains(field.getKey())) {
                extra.set(field.getKey(), field.getValue());
            }
        });
        return new Node(id, type.asText(), typeVersion.intValue(), params, layout, extra);
    }

    ObjectNode objectMember(JsonNode node, String member, String at, NodeId id)
            throws GraphFileException {
        JsonNode value = node.get(member);
        if (value == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!value.isObject()) {
            throw error(at + "/" + member, "\"" + member + "\" of node \"" + id + "\" must be a "
                    + "JSON object of named values, got " + kindOf(value));
        }
        return (ObjectNode) value;
    }

    private List<Connection> connections(JsonNode array, Map<NodeId, Node> nodes)
            throws GraphFileException {
        List<Connection> connections = new ArrayList<>();
        if (array == null) {
            return connections;
        }
        requireArray(array, "/connections", "\"connections\"");
        if (array.size() > limits.maxConnections()) {
            throw error("/connections", "the file has " + array.size() + " connections, more than"
                    + " the limit of " + limits.maxConnections() + " connections per graph; split "
                    + "the graph into smaller files");
        }
        Set<Connection> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String at = "/connections/" + i;
            String label = "connection " + (i + 1);
            JsonNode member = array.get(i);
            requireObject(member, at, label);
            rejectUnknownMembers(member, at, label, Set.of("from", "to"));
            PortRef from = portRef(member.get("from"), at, "from", label, nodes);
            PortRef to = portRef(member.get("to"), at, "to", label, nodes);
            Connection connection = new Connection(from, to);
            if (!seen.add(connection)) {
                throw error(at, label + " (" + connection + ") repeats an earlier connection; "
                        + "remove the copy");
            }
            connections.add(connection);
        }
        return connections;
    }

    private PortRef portRef(JsonNode end, String at, String member, String label,
            Map<NodeId, Node> nodes) throws GraphFileException {
        String endAt = at + "/" + member;
        if (end == null || !end.isObject()) {
            throw error(end == null ? at : endAt, label + " needs \"" + member + "\": {\"node\": "
                    + "..., \"port\": ...}, got " + quote(end));
        }
        rejectUnknownMembers(end, endAt, label + " \"" + member + "\"", Set.of("node", "port"));
        JsonNode node = end.get("node");
        if (node == null || !node.isTextual() || !NodeId.isValid(node.asText())) {
            throw error(node == null ? endAt : endAt + "/node", label + " \"" + member + "\" needs"
                    + " a \"node\" that is a valid node id, got " + quote(node));
        }
        NodeId id = NodeId.of(node.asText());
        if (!nodes.containsKey(id)) {
            throw error(endAt + "/node", label + " refers to node \"" + id + "\", which does not"
                    + " exist in this graph; fix the id or remove the connection");
        }
        JsonNode port = end.get("port");
        if (port == null || !port.isTextual() || port.asText().isBlank()) {
            throw error(port == null ? endAt : endAt + "/port", label + " \"" + member + "\" "
                    + "needs a \"port\" name, got " + quote(port));
        }
        return new PortRef(id, port.asText());
    }

    void rejectUnknownMembers(JsonNode object, String at, String label, Set<String> known)
            throws GraphFileException {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw error(at + "/" + name, label + " has unknown member \"" + Texts.shorten(name)
                        + "\"; known members are " + known.stream().sorted().toList()
                        + ". Remove it, or update Reelgraph if a newer version wrote it");
            }
        }
    }

    private String optionalText(JsonNode object, String member, String at)
            throws GraphFileException {
        JsonNode value = object.get(member);
        if (value == null) {
            return "";
        }
        if (!value.isTextual()) {
            throw error(at, "\"" + member + "\" must be text, got " + quote(value));
        }
        return value.asText();
    }

    void requireArray(JsonNode value, String at, String label) throws GraphFileException {
        if (!value.isArray()) {
            throw error(at, label + " must be a JSON array, got " + kindOf(value));
        }
    }

    void requireObject(JsonNode value, String at, String label) throws GraphFileException {
        if (!value.isObject()) {
            throw error(at, label + " must be a JSON object, got " + kindOf(value));
        }
    }

    GraphFileException error(String pointer, String problem) {
        return new GraphFileException(sourceName, tree.positionOf(pointer), problem);
    }

    static String quote(JsonNode value) {
        return value == null ? "nothing" : Texts.shorten(value.toString());
    }

    static String kindOf(JsonNode value) {
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array";
        }
        return Texts.shorten(value.toString());
    }
}

package io.reelgraph.engine.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.graph.ExposedParam;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.graph.Subgraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decodes the {@code subgraphs} member of a graph file. A file without it has no subgraphs, so
 * files written before subgraphs existed load unchanged. Every error names the subgraph and the
 * node involved: a member that is not a node, a node in two subgraphs, an id taken by a node,
 * and an exposed param of a node that is not a member.
 */
final class SubgraphDecoder {

    private static final Set<String> MEMBERS = Set.of("id", "name", "members", "exposed", "layout");

    private final GraphDecoder decoder;
    private final Map<NodeId, Node> nodes;
    /** The subgraph that each node already belongs to, to reject a node in two subgraphs. */
    private final Map<NodeId, NodeId> owners = new HashMap<>();

    SubgraphDecoder(GraphDecoder decoder, Map<NodeId, Node> nodes) {
        this.decoder = decoder;
        this.nodes = nodes;
    }

    List<Subgraph> subgraphs(JsonNode array) throws GraphFileException {
        List<Subgraph> subgraphs = new ArrayList<>();
        if (array == null) {
            return subgraphs;
        }
        decoder.requireArray(array, "/subgraphs", "\"subgraphs\"");
        Set<NodeId> ids = new TreeSet<>();
        for (int i = 0; i < array.size(); i++) {
            Subgraph subgraph = subgraph(array.get(i), "/subgraphs/" + i, i + 1);
            if (!ids.add(subgraph.id())) {
                throw decoder.error("/subgraphs/" + i + "/id", "subgraph id \"" + subgraph.id()
                        + "\" is used by more than one subgraph; give each subgraph its own id");
            }
            subgraphs.add(subgraph);
        }
        return subgraphs;
    }

    private Subgraph subgraph(JsonNode member, String at, int number) throws GraphFileException {
        String label = "subgraph " + number;
        decoder.requireObject(member, at, label);
        decoder.rejectUnknownMembers(member, at, label, MEMBERS);
        NodeId id = id(member.get("id"), at, label);
        JsonNode name = member.get("name");
        if (name == null || !name.isTextual()) {
            throw decoder.error(name == null ? at : at + "/name", "subgraph \"" + id + "\" needs"
                    + " a \"name\" that is text, got " + GraphDecoder.quote(name));
        }
        SortedSet<NodeId> members = members(member.get("members"), at, id);
        SortedMap<String, ExposedParam> exposed = exposed(member.get("exposed"), at, id, members);
        JsonNode layout = member.get("layout");
        if (layout != null && !layout.isObject()) {
            throw decoder.error(at + "/layout", "\"layout\" of subgraph \"" + id + "\" must be a"
                    + " JSON object of named values, got " + GraphDecoder.kindOf(layout));
        }
        ObjectNode layoutObject = layout == null
                ? JsonNodeFactory.instance.objectNode() : (ObjectNode) layout;
        return new Subgraph(id, name.asText(), members, exposed, layoutObject);
    }

    private NodeId id(JsonNode idNode, String at, String label) throws GraphFileException {
        if (idNode == null || !idNode.isTextual() || !NodeId.isValid(idNode.asText())) {
            throw decoder.error(idNode == null ? at : at + "/id", label + " needs an \"id\" of 1"
                    + " to 100 letters, digits, '-', '_' or '.', starting with a letter or digit,"
                    + " got " + GraphDecoder.quote(idNode));
        }
        NodeId id = NodeId.of(idNode.asText());
        if (nodes.containsKey(id)) {
            throw decoder.error(at + "/id", "subgraph id \"" + id + "\" is also the id of a node;"
                    + " subgraphs are drawn as nodes, so give the subgraph an id of its own");
        }
        return id;
    }

    private SortedSet<NodeId> members(JsonNode array, String at, NodeId id)
            throws GraphFileException {
        String membersAt = at + "/members";
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw decoder.error(array == null ? at : membersAt, "subgraph \"" + id + "\" needs"
                    + " \"members\": a non-empty array of node ids, got "
                    + GraphDecoder.quote(array));
        }
        SortedSet<NodeId> members = new TreeSet<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            String elementAt = membersAt + "/" + i;
            if (!element.isTextual() || !NodeId.isValid(element.asText())) {
                throw decoder.error(elementAt, "member " + (i + 1) + " of subgraph \"" + id
                        + "\" must be a node id, got " + GraphDecoder.quote(element));
            }
            NodeId node = NodeId.of(element.asText());
            if (!nodes.containsKey(node)) {
                throw decoder.error(elementAt, "subgraph \"" + id + "\" has member \"" + node
                        + "\", which is not a node of this graph; fix the id or remove it from"
                        + " the members");
            }
            NodeId owner = owners.putIfAbsent(node, id);
            if (owner != null) {
                throw decoder.error(elementAt, "node \"" + node + "\" is a member of subgraph \""
                        + owner + "\" and of subgraph \"" + id + "\"; a node belongs to at most"
                        + " one subgraph, so remove it from one of them");
            }
            members.add(node);
        }
        return members;
    }

    private SortedMap<String, ExposedParam> exposed(JsonNode object, String at, NodeId id,
            Set<NodeId> members) throws GraphFileException {
        SortedMap<String, ExposedParam> exposed = new TreeMap<>();
        if (object == null) {
            return exposed;
        }
        if (!object.isObject()) {
            throw decoder.error(at + "/exposed", "\"exposed\" of subgraph \"" + id + "\" must be"
                    + " a JSON object from exposed name to {\"node\": ..., \"param\": ...}, got "
                    + GraphDecoder.kindOf(object));
        }
        Iterator<Map.Entry<String, JsonNode>> entries = object.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String name = entry.getKey();
            // A JSON pointer escapes '~' and '/' in member names (RFC 6901).
            String entryAt = at + "/exposed/" + name.replace("~", "~0").replace("/", "~1");
            String label = "exposed param \"" + name + "\" of subgraph \"" + id + "\"";
            if (name.isBlank()) {
                throw decoder.error(entryAt, "subgraph \"" + id + "\" exposes a param under a"
                        + " blank name; give it a name");
            }
            JsonNode target = entry.getValue();
            decoder.requireObject(target, entryAt, label);
            decoder.rejectUnknownMembers(target, entryAt, label, Set.of("node", "param"));
            JsonNode node = target.get("node");
            if (node == null || !node.isTextual() || !NodeId.isValid(node.asText())) {
                throw decoder.error(node == null ? entryAt : entryAt + "/node", label + " needs a"
                        + " \"node\" that is a node id, got " + GraphDecoder.quote(node));
            }
            NodeId nodeId = NodeId.of(node.asText());
            if (!members.contains(nodeId)) {
                throw decoder.error(entryAt + "/node", label + " refers to node \"" + nodeId
                        + "\", which is not a member of the subgraph; expose a param of one of"
                        + " its members " + members);
            }
            JsonNode param = target.get("param");
            if (param == null || !param.isTextual() || param.asText().isBlank()) {
                throw decoder.error(param == null ? entryAt : entryAt + "/param", label
                        + " needs a \"param\" name, got " + GraphDecoder.quote(param));
            }
            exposed.put(name, new ExposedParam(nodeId, param.asText()));
        }
        return exposed;
    }
}

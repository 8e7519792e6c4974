package io.reelgraph.engine.file;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.engine.graph.ExposedParam;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.GraphParameter;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.graph.Subgraph;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Scans every string of a graph, member names included, for API keys before it is written:
 * nodes, parameters, subgraphs and unknown members. The
 * error names where the key sits and shows it only masked.
 */
final class SecretScan {

    private SecretScan() {
    }

    static void check(Graph graph, String sourceName) throws GraphFileException {
        check(graph.name(), "the graph", "name", sourceName);
        check(graph.description(), "the graph", "description", sourceName);
        for (GraphParameter parameter : graph.parameters()) {
            String owner = "graph parameter \"" + parameter.name() + "\"";
            check(parameter.description(), owner, "description", sourceName);
            if (parameter.defaultValue().isPresent()) {
                check(parameter.defaultValue().get(), owner, "default", sourceName);
            }
        }
        for (Node node : graph.nodes()) {
            String owner = "node " + node.id();
            check(node.type(), owner, "type", sourceName);
            check(node.params(), owner, "params", sourceName);
            check(node.layout(), owner, "layout", sourceName);
            check(node.extra(), owner, "", sourceName);
        }
        for (Subgraph subgraph : graph.subgraphs()) {
            String owner = "subgraph " + subgraph.id();
            check(subgraph.name(), owner, "name", sourceName);
            check(subgraph.layout(), owner, "layout", sourceName);
            for (Map.Entry<String, ExposedParam> exposed : subgraph.exposed().entrySet()) {
                check(exposed.getKey(), owner, "exposed (the exposed name)", sourceName);
                check(exposed.getValue().param(), owner, "exposed." + exposed.getKey(),
                        sourceName);
            }
        }
        check(graph.extra(), "the graph", "", sourceName);
    }

    /** Checks a JSON value; {@code path} grows as in {@code params.headers.auth}. */
    private static void check(JsonNode value, String owner, String path, String sourceName)
            throws GraphFileException {
        if (value.isTextual()) {
            check(value.asText(), owner, path, sourceName);
        } else if (value.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> members = value.fields();
            while (members.hasNext()) {
                Map.Entry<String, JsonNode> member = members.next();
                String memberPath = path.isEmpty() ? member.getKey() : path + "." + member.getKey();
                check(member.getKey(), owner, memberPath + " (the member name)", sourceName);
                check(member.getValue(), owner, memberPath, sourceName);
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), owner, path + "[" + i + "]", sourceName);
            }
        }
    }

    private static void check(String text, String owner, String path, String sourceName)
            throws GraphFileException {
        Optional<String> secret = SecretPatterns.findSecret(text);
        if (secret.isPresent()) {
            throw new GraphFileException(sourceName, "not written, because " + owner
                    + ", field " + path
                    + " contains what looks like an API key (" + secret.get() + "); remove it. "
                    + "Keys belong in the key vault or an environment variable, never in a "
                    + "graph file");
        }
    }
}

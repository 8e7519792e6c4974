package io.reelgraph.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.testing.ReferenceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A copy of the night-market sample in a temporary folder, with helpers to break it. */
final class SampleGraph {

    static final String GRAPH = "night-market.reelgraph";
    static final String SCREENPLAY = "night-market.fountain";

    private static final JsonMapper JSON = new JsonMapper();

    private SampleGraph() {
    }

    static Path sampleFolder() {
        return ReferenceFiles.repositoryRoot().resolve("samples").resolve("night-market");
    }

    /** Copies the sample folder into {@code target} and returns the copied graph file. */
    static Path copyInto(Path target) throws IOException {
        Path source = sampleFolder();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path relative = source.relativize(file);
                if (relative.startsWith("out")) {
                    continue;
                }
                Path copy = target.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        return target.resolve(GRAPH);
    }

    static ObjectNode read(Path graph) throws IOException {
        return (ObjectNode) JSON.readTree(graph.toFile());
    }

    static void write(ObjectNode graph, Path file) throws IOException {
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(graph));
    }

    static ObjectNode node(ObjectNode graph, String id) {
        for (JsonNode node : graph.withArray("nodes")) {
            if (node.path("id").asText().equals(id)) {
                return (ObjectNode) node;
            }
        }
        throw new IllegalArgumentException("The sample has no node " + id);
    }

    /** Returns the connection that ends at {@code node.port}. */
    static ObjectNode connectionTo(ObjectNode graph, String node, String port) {
        for (JsonNode connection : graph.withArray("connections")) {
            JsonNode to = connection.path("to");
            if (to.path("node").asText().equals(node) && to.path("port").asText().equals(port)) {
                return (ObjectNode) connection;
            }
        }
        throw new IllegalArgumentException("The sample has no connection to " + node + "." + port);
    }

    static void connect(ObjectNode graph, String fromNode, String fromPort, String toNode,
            String toPort) {
        ArrayNode connections = graph.withArray("connections");
        ObjectNode connection = connections.addObject();
        connection.putObject("from").put("node", fromNode).put("port", fromPort);
        connection.putObject("to").put("node", toNode).put("port", toPort);
    }
}

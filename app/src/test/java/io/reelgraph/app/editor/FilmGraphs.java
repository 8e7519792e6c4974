package io.reelgraph.app.editor;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.file.GraphFile;
import io.reelgraph.engine.file.GraphFileException;
import io.reelgraph.engine.graph.Connection;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.graph.NodeId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds large film-shaped graphs from the night-market sample: its screenplay node feeds
 * {@code chains} copies of the prompt, keyframe and clip nodes, and every clip feeds the one
 * rough cut. Each copy gets its own variation, so no two chains share a cache key.
 */
public final class FilmGraphs {

    private static final int COLUMN_WIDTH = 300;
    private static final int ROW_HEIGHT = 150;
    private static final int CHAINS_PER_BAND = 50;

    private FilmGraphs() {
    }

    /** Returns a graph of {@code 2 + 3 * chains} nodes built from the sample graph file. */
    public static Graph film(Path sampleGraph, int chains) throws GraphFileException {
        Graph sample = GraphFile.read(sampleGraph);
        Node prompt = sample.requireNode(NodeId.of("shot-prompt"));
        Node keyframe = sample.requireNode(NodeId.of("keyframe"));
        Node clip = sample.requireNode(NodeId.of("shot"));

        List<Node> nodes = new ArrayList<>();
        List<Connection> connections = new ArrayList<>();
        nodes.add(placed(sample.requireNode(NodeId.of("script")), "script", 0, 0));
        nodes.add(placed(sample.requireNode(NodeId.of("cut")), "cut", 0, 2 * ROW_HEIGHT));
        connections.add(Connection.of("script", "scenes", "cut", "scenes"));
        for (int chain = 0; chain < chains; chain++) {
            // Chains are laid out in bands of 50 rows, each band three columns wide.
            int band = chain / CHAINS_PER_BAND;
            int x = COLUMN_WIDTH + band * (3 * COLUMN_WIDTH + 200);
            int y = (chain % CHAINS_PER_BAND) * ROW_HEIGHT;
            String promptId = "prompt-" + chain;
            String imageId = "image-" + chain;
            String videoId = "video-" + chain;
            nodes.add(copy(prompt, promptId, x, y, chain));
            nodes.add(copy(keyframe, imageId, x + COLUMN_WIDTH, y, chain));
            nodes.add(copy(clip, videoId, x + 2 * COLUMN_WIDTH, y, chain));
            connections.add(Connection.of("script", "scenes", promptId, "scene"));
            connections.add(Connection.of(promptId, "prompt", imageId, "prompt"));
            connections.add(Connection.of(imageId, "image", videoId, "image"));
            connections.add(Connection.of(promptId, "prompt", videoId, "prompt"));
            connections.add(Connection.of(videoId, "video", "cut", "shots"));
        }
        return Graph.of("Film of " + nodes.size() + " nodes", sample.description(),
                sample.parameters(), nodes, connections, sample.extra());
    }

    private static Node copy(Node template, String id, int x, int y, int variation) {
        Node node = placed(template.withId(NodeId.of(id)), id, x, y);
        return template.param("variation").isPresent()
                ? node.withParam("variation", IntNode.valueOf(variation))
                : node;
    }

    private static Node placed(Node node, String title, int x, int y) {
        ObjectNode layout = node.layout().deepCopy();
        layout.put("title", title);
        layout.put("x", x);
        layout.put("y", y);
        return node.withLayout(layout);
    }
}

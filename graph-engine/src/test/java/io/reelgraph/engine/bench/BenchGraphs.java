package io.reelgraph.engine.bench;

import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.testing.GraphBuilder;

/**
 * The two graph shapes of the engine benchmarks. Every node's {@code label} param is its own id,
 * so no two nodes share a cache key and every node is a distinct piece of work.
 */
final class BenchGraphs {

    /** Nodes in one film chain: scene, prompt, image, video. */
    static final int CHAIN_LENGTH = 4;
    static final int LAYERS = 10;
    private static final String[] CHAIN_STEPS = {"scene", "prompt", "image", "video"};

    private BenchGraphs() {
    }

    /**
     * Builds the film shape: one source fanning out to {@code nodes / 4} chains of four free
     * nodes, so the graph has {@code nodes + 1} nodes.
     */
    static Graph film(int nodes) {
        GraphBuilder graph = GraphBuilder.graph("film-" + nodes)
                .node("source", BenchTypes.SOURCE, "label", "source");
        for (int chain = 0; chain < nodes / CHAIN_LENGTH; chain++) {
            String previous = "source";
            for (String step : CHAIN_STEPS) {
                String id = chainNode(chain, step);
                graph.node(id, BenchTypes.STEP, "label", id)
                        .connect(previous + ".text", id + ".in");
                previous = id;
            }
        }
        return graph.build();
    }

    static int chains(int nodes) {
        return nodes / CHAIN_LENGTH;
    }

    /** Returns the id of the head of a film chain, whose label an edit changes. */
    static String sceneOf(int chain) {
        return chainNode(chain, "scene");
    }

    private static String chainNode(int chain, String step) {
        return String.format("%s-%06d", step, chain);
    }

    /**
     * Builds the layered shape: 10 layers of {@code nodes / 10} nodes. Each node past the first
     * layer combines node i and node i + 1 (wrapping around) of the layer before.
     */
    static Graph layered(int nodes) {
        int width = nodes / LAYERS;
        GraphBuilder graph = GraphBuilder.graph("layered-" + nodes);
        for (int i = 0; i < width; i++) {
            String id = layerNode(0, i);
            graph.node(id, BenchTypes.SOURCE, "label", id);
        }
        for (int layer = 1; layer < LAYERS; layer++) {
            for (int i = 0; i < width; i++) {
                String id = layerNode(layer, i);
                graph.node(id, BenchTypes.COMBINE, "label", id)
                        .connect(layerNode(layer - 1, i) + ".text", id + ".left")
                        .connect(layerNode(layer - 1, (i + 1) % width) + ".text", id + ".right");
            }
        }
        return graph.build();
    }

    private static String layerNode(int layer, int index) {
        return String.format("l%d-%06d", layer, index);
    }

    /** Builds a graph of the named shape, {@code film} or {@code layered}. */
    static Graph of(String shape, int nodes) {
        return switch (shape) {
            case "film" -> film(nodes);
            case "layered" -> layered(nodes);
            default -> throw new IllegalArgumentException(
                    "Unknown graph shape \"" + shape + "\": use film or layered");
        };
    }
}

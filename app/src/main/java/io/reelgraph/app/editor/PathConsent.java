package io.reelgraph.app.editor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.type.NodeType;
import io.reelgraph.engine.type.NodeTypeRegistry;
import io.reelgraph.engine.type.ParamSpec;
import io.reelgraph.engine.validate.BindingException;
import io.reelgraph.engine.validate.Bindings;
import io.reelgraph.engine.validate.ParamResolver;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The files and folders outside a graph's folder that the user allowed the graph to read in
 * this editor window, and the references they denied. Nothing here is saved, so a graph opened
 * again needs consent again, as {@code --allow-folder} must be given on every run of the command line.
 *
 * <p>NOTE: the check is on the path as written, after {@code ..} is removed. A symbolic link
 * inside the folder that points out is not asked about; the engine's file access rejects it, so
 * such a node shows the engine's error instead.
 */
final class PathConsent {

    /** A file param of a node whose path leaves the graph's folder. */
    record OutsideReference(NodeId node, String param, String reference, Path path) {
    }

    /** The user's decision on one reference. */
    enum Decision { ALLOW_ONCE, ALLOW_FOLDER, DENY }

    private final Set<Path> allowed = new LinkedHashSet<>();
    private final Set<Path> denied = new LinkedHashSet<>();

    /** Returns the files and folders allowed so far, for the engine's file access. */
    List<Path> allowedPaths() {
        return List.copyOf(allowed);
    }

    /** Records a decision: allows the file or its folder, or remembers the denial. */
    void record(OutsideReference reference, Decision decision) {
        switch (decision) {
            case ALLOW_ONCE -> allowed.add(reference.path());
            case ALLOW_FOLDER -> allowed.add(reference.path().getParent());
            case DENY -> denied.add(reference.path());
        }
    }

    /** Returns the outside references of a graph that were neither allowed nor denied yet. */
    List<OutsideReference> unanswered(Graph graph, NodeTypeRegistry types, Path folder) {
        List<OutsideReference> open = new ArrayList<>();
        for (OutsideReference reference : outsideReferences(graph, types, folder)) {
            if (!denied.contains(reference.path()) && !isAllowed(reference.path())) {
                open.add(reference);
            }
        }
        return open;
    }

    private boolean isAllowed(Path path) {
        return allowed.stream().anyMatch(path::startsWith);
    }

    /**
     * Lists the file params, after graph parameters are filled in, whose path is absolute or
     * climbs out of {@code folder}. Nodes of unknown types and malformed paths are skipped,
     * because validation already reports them.
     */
    static List<OutsideReference> outsideReferences(Graph graph, NodeTypeRegistry types,
            Path folder) {
        Bindings bindings;
        try {
            bindings = Bindings.of(graph, Map.of());
        } catch (BindingException e) {
            return List.of();
        }
        Path root = folder.toAbsolutePath().normalize();
        List<OutsideReference> outside = new ArrayList<>();
        for (Node node : graph.nodes()) {
            Optional<NodeType> type = types.find(node.type());
            // Most nodes have no file param; skipping them keeps this cheap on every edit.
            if (type.isEmpty() || type.get().params().stream()
                    .noneMatch(spec -> spec.kind() == ParamSpec.ParamKind.FILE)) {
                continue;
            }
            ObjectNode params;
            try {
                params = ParamResolver.resolve(node, type.get(), bindings);
            } catch (IllegalArgumentException e) {
                // An unbound graph parameter; validation reports it on this node.
                continue;
            }
            for (ParamSpec spec : type.get().params()) {
                JsonNode value = params.get(spec.name());
                if (spec.kind() != ParamSpec.ParamKind.FILE || value == null
                        || !value.isTextual() || value.asText().isBlank()) {
                    continue;
                }
                resolve(root, value.asText()).filter(path -> !path.startsWith(root))
                        .ifPresent(path -> outside.add(new OutsideReference(node.id(),
                                spec.name(), value.asText(), path)));
            }
        }
        return outside;
    }

    private static Optional<Path> resolve(Path root, String reference) {
        try {
            Path path = Path.of(reference);
            return Optional.of((path.isAbsolute() ? path : root.resolve(path)).normalize());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}

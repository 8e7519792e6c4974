package io.reelgraph.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.engine.artifact.ContentHash;
import io.reelgraph.engine.file.FolderFileAccess;
import io.reelgraph.engine.file.GraphFile;
import io.reelgraph.engine.file.GraphFileException;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.GraphParameter;
import io.reelgraph.engine.run.EvaluationContext;
import io.reelgraph.engine.type.NodeTypeRegistry;
import io.reelgraph.engine.validate.BindingException;
import io.reelgraph.engine.validate.Bindings;
import io.reelgraph.engine.validate.GraphValidator;
import io.reelgraph.engine.validate.ParamResolver;
import io.reelgraph.engine.validate.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A graph file read from disk with its graph parameters bound and every problem found by
 * validation, ready to plan.
 */
public record LoadedGraph(Path file, Graph graph, Bindings bindings, FolderFileAccess files,
        List<Problem> problems) {

    /**
     * Reads, binds and validates a graph file.
     *
     * @param overrides {@code --set} values by parameter name; a value for a file parameter is
     *     a path relative to the working directory, and its folder counts as allowed
     * @param allowedFolders folders outside the graph's folder that the user allows it to read
     * @throws GraphFileException when the file cannot be read or parsed
     * @throws BindingException when a {@code --set} names no parameter or has a bad value
     */
    public static LoadedGraph load(Path file, Map<String, String> overrides,
            List<Path> allowedFolders, NodeTypeRegistry types)
            throws GraphFileException, BindingException {
        Path absolute = file.toAbsolutePath().normalize();
        Graph graph = GraphFile.read(absolute);
        List<Path> allowed = new ArrayList<>(allowedFolders);
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> override : overrides.entrySet()) {
            String value = override.getValue();
            boolean fileParameter = graph.parameter(override.getKey())
                    .map(parameter -> parameter.kind() == GraphParameter.Kind.FILE)
                    .orElse(false);
            if (fileParameter && !value.isBlank()) {
                Path given = Path.of(value).toAbsolutePath().normalize();
                allowed.add(given.getParent());
                value = absolute.getParent().relativize(given).toString();
            }
            values.put(override.getKey(), value);
        }
        Bindings bindings = Bindings.of(graph, values);
        FolderFileAccess files = new FolderFileAccess(absolute.getParent(), allowed);
        List<Problem> problems = GraphValidator.validate(graph, types, bindings, files);
        return new LoadedGraph(absolute, graph, bindings, files, problems);
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(problem -> !problem.isError()).toList();
    }

    /** Returns the evaluation context: outputs go to {@code outputFolder}. */
    public EvaluationContext context(Path outputFolder, boolean draft) {
        Map<String, JsonNode> values = bindings.values();
        String graphId = ContentHash.of(file.toString().getBytes(StandardCharsets.UTF_8))
                .shortForm();
        return new EvaluationContext(graphId,
                (node, type) -> ParamResolver.resolve(node, type, bindings), files,
                outputFolder.toAbsolutePath().normalize(), draft, values);
    }
}

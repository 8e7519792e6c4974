package io.reelgraph.app.cli;

import io.reelgraph.app.LoadedGraph;
import io.reelgraph.app.Workspace;
import io.reelgraph.engine.file.GraphFileException;
import io.reelgraph.engine.validate.BindingException;
import io.reelgraph.engine.validate.Problem;
import java.io.PrintWriter;
import java.nio.file.Files;

/** Reads and validates the graph of a command, printing every problem it finds. */
final class GraphLoading {

    private GraphLoading() {
    }

    /**
     * Returns the loaded graph, or fails with {@link ExitCodes#INVALID_INPUT} after printing the
     * parse error, the binding problems or the validation errors.
     */
    static LoadedGraph load(GraphOptions options, Workspace workspace, PrintWriter err) {
        if (!Files.isRegularFile(options.graph)) {
            throw new CommandFailure(ExitCodes.INVALID_INPUT, "Graph file " + options.graph
                    + " not found; give the path of a .reelgraph file");
        }
        LoadedGraph loaded;
        try {
            loaded = LoadedGraph.load(options.graph, options.sets, options.allowedFolders,
                    workspace.types());
        } catch (GraphFileException e) {
            throw new CommandFailure(ExitCodes.INVALID_INPUT, e.getMessage());
        } catch (BindingException e) {
            throw new CommandFailure(ExitCodes.INVALID_INPUT, options.graph + ": "
                    + String.join("\n" + options.graph + ": ", e.problems()));
        }
        for (Problem warning : loaded.warnings()) {
            err.println(options.graph + ": warning: " + warning.describe());
        }
        if (!loaded.errors().isEmpty()) {
            StringBuilder message = new StringBuilder();
            for (Problem error : loaded.errors()) {
                message.append(options.graph).append(": ").append(error.describe()).append('\n');
            }
            message.append(loaded.errors().size()).append(loaded.errors().size() == 1
                    ? " problem found; fix it" : " problems found; fix them")
                    .append(" and try again.\n")
                    .append("Nothing was run and no output was written.");
            throw new CommandFailure(ExitCodes.INVALID_INPUT, message.toString());
        }
        return loaded;
    }
}

package io.reelgraph.app.cli;

import io.reelgraph.app.editor.EditorLauncher;
import io.reelgraph.engine.file.GraphFileException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code reelgraph edit [GRAPH]}: opens the editor on a graph file or on an empty graph. */
@Command(name = "edit", mixinStandardHelpOptions = true,
        versionProvider = ReelgraphCommand.Version.class,
        description = {"Opens the graph editor on GRAPH, or on an empty graph.",
            "Needs a display; without one it prints this help instead."},
        footer = {"", ExitCodes.HELP})
final class EditCommand implements Callable<Integer> {

    static final String NO_DISPLAY = "No display is available, so the editor cannot open; the"
            + " commands above work without one.";

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "GRAPH", description = "the .reelgraph file to open")
    Path graph;

    @Override
    public Integer call() {
        return open(spec, Optional.ofNullable(graph));
    }

    /** Opens the editor, or prints help and a note when there is no display. */
    static int open(CommandSpec spec, Optional<Path> graph) {
        PrintWriter err = spec.commandLine().getErr();
        if (!EditorLauncher.displayAvailable()) {
            spec.root().commandLine().usage(spec.commandLine().getOut());
            err.println(NO_DISPLAY);
            err.flush();
            return ExitCodes.OK;
        }
        if (graph.isPresent() && !Files.isRegularFile(graph.get())) {
            err.println("Graph file " + graph.get() + " not found; give the path of a .reelgraph"
                    + " file, or run 'reelgraph' alone for an empty graph");
            return ExitCodes.INVALID_INPUT;
        }
        try {
            EditorLauncher.openAndWait(graph);
            return ExitCodes.OK;
        } catch (GraphFileException e) {
            err.println(e.getMessage());
            return ExitCodes.INVALID_INPUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.CANCELLED;
        }
    }
}

package io.reelgraph.app.cli;

import io.reelgraph.app.LoadedGraph;
import io.reelgraph.app.Workspace;
import io.reelgraph.engine.file.GraphFileException;
import io.reelgraph.engine.validate.BindingException;
import io.reelgraph.engine.validate.Problem;
import io.reelgraph.engine.validate.ProblemCodes;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code reelgraph validate}: checks a graph file and lists every problem at once. */
@Command(versionProvider = ReelgraphCommand.Version.class, name = "validate", mixinStandardHelpOptions = true,
        description = "Checks a graph file and lists every problem with its node and port.",
        footer = {"", ExitCodes.HELP})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GraphOptions graph;

    @Option(names = "--json", description = "prints the problems as JSON")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(graph.graph)) {
            err.println("Graph file " + graph.graph + " not found; give the path of a .reelgraph"
                    + " file");
            return ExitCodes.INVALID_INPUT;
        }
        List<Problem> problems;
        try (Workspace workspace = Workspace.standard()) {
            problems = LoadedGraph.load(graph.graph, graph.sets, graph.allowedFolders,
                    workspace.types()).problems();
        } catch (GraphFileException e) {
            problems = List.of(Problem.graphError(ProblemCodes.INVALID_GRAPH_FILE,
                    e.getMessage()));
        } catch (BindingException e) {
            problems = e.problems().stream()
                    .map(problem -> Problem.graphError(ProblemCodes.INVALID_BINDING, problem))
                    .toList();
        }
        boolean valid = problems.stream().noneMatch(Problem::isError);
        if (json) {
            stdout.print(ReportJson.text(ReportJson.problems(graph.graph, problems)));
        } else {
            for (Problem problem : problems) {
                stdout.println(graph.graph + ": " + (problem.isError() ? "" : "warning: ")
                        + problem.describe());
            }
            long errors = problems.stream().filter(Problem::isError).count();
            stdout.println(valid ? graph.graph + " is valid" : graph.graph + " has " + errors
                    + (errors == 1 ? " error" : " errors"));
        }
        stdout.flush();
        return valid ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
    }
}

package io.reelgraph.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options every command that reads a graph file shares. */
final class GraphOptions {

    @Parameters(index = "0", paramLabel = "GRAPH", description = "the .reelgraph file")
    Path graph;

    @Option(names = "--set", paramLabel = "NAME=VALUE",
            description = "binds a graph parameter, such as --set script=other.fountain;"
                    + " a file path is relative to the working folder")
    Map<String, String> sets = new LinkedHashMap<>();

    @Option(names = {"--allow-folder", "--allow-path"}, paramLabel = "DIR",
            description = "lets the graph read files in DIR, outside the graph file's folder;"
                    + " --allow-path is another name for it")
    List<Path> allowedFolders = new ArrayList<>();
}

package io.reelgraph.app;

import io.reelgraph.app.cli.ReelgraphCommand;

/**
 * Starts Reelgraph: the editor with no arguments or with one {@code .reelgraph} file, else the
 * command line.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Home.prepareLogging();
        String[] command = args;
        if (args.length == 1 && args[0].endsWith(".reelgraph")) {
            command = new String[] {"edit", args[0]};
        }
        System.exit(ReelgraphCommand.execute(command));
    }
}

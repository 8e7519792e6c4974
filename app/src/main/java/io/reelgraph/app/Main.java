package io.reelgraph.app;

import io.reelgraph.app.cli.ReelgraphCommand;

/** Starts the Reelgraph command line. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Home.prepareLogging();
        System.exit(ReelgraphCommand.execute(args));
    }
}

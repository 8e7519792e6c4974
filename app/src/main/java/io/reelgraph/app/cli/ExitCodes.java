package io.reelgraph.app.cli;

/** Exit codes of the command line; {@code reelgraph --help} lists them. */
public final class ExitCodes {

    /** Everything worked. */
    public static final int OK = 0;
    /** The run finished, but some work items failed; finished results are cached. */
    public static final int RUN_FAILED = 1;
    /** The command line itself is wrong: an unknown option or a missing argument. */
    public static final int USAGE = 2;
    /**
     * The input is invalid: the graph file, a --set value, the screenplay, a referenced file, a
     * key alias, or a wrong vault passphrase.
     */
    public static final int INVALID_INPUT = 3;
    /**
     * The run was refused before anything was sent: over --max-cost or a budget cap, or not
     * confirmed.
     */
    public static final int REFUSED = 4;
    /** The run was cancelled; finished results are cached. */
    public static final int CANCELLED = 5;
    /**
     * The cache, the output folder or the key vault (damaged or locked) could not be used, or
     * Reelgraph itself failed.
     */
    public static final int INTERNAL = 10;

    static final String HELP = """
            Exit codes:
              0   success
              1   the run finished but some work items failed (finished results are cached)
              2   usage error: unknown option or missing argument
              3   invalid input: graph file, --set value, screenplay, referenced file,
                  key alias, or wrong vault passphrase
              4   refused before anything was sent: over --max-cost or a budget cap,
                  or not confirmed
              5   cancelled (finished results are cached)
              10  the cache or output folder could not be used, the key vault is damaged
                  or locked, or an internal error""";

    private ExitCodes() {
    }
}

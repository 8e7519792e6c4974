package io.reelgraph.app.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import picocli.CommandLine;

/** One in-process execution of the command line: its exit code and everything it printed. */
public record CliRun(int exitCode, String stdout, String stderr) {

    /** Reads amounts as exact decimals, the way the reports write them. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    static {
        // Logback reads this property once, when the first logger is created. Setting it here
        // keeps the log file of the tests in the build folder instead of the user's home.
        if (System.getProperty("reelgraph.logs") == null) {
            System.setProperty("reelgraph.logs",
                    Path.of("target", "test-logs").toAbsolutePath().toString());
        }
    }

    /** Executes {@code reelgraph ARGS} the way the launcher would, without a terminal. */
    public static CliRun execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = ReelgraphCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Parses standard output as one JSON document. */
    public JsonNode json() {
        try {
            return JSON.readTree(stdout);
        } catch (IOException e) {
            throw new UncheckedIOException("Standard output is not JSON: " + stdout
                    + "\nStandard error: " + stderr, e);
        }
    }

    /** Describes the run for assertion messages. */
    public String describe() {
        return "exit code " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
}

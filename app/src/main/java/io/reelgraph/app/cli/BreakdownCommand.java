package io.reelgraph.app.cli;

import io.reelgraph.app.Workspace;
import io.reelgraph.nodes.screenplay.Breakdown;
import io.reelgraph.nodes.screenplay.Screenplay;
import io.reelgraph.nodes.screenplay.ScreenplayException;
import io.reelgraph.nodes.screenplay.ScreenplayFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code reelgraph breakdown}: lists a screenplay's scenes and characters and, with
 * {@code --assist}, requests shot suggestions per scene from a text model.
 */
@Command(versionProvider = ReelgraphCommand.Version.class, name = "breakdown", mixinStandardHelpOptions = true,
        description = {"Lists the scenes and characters of a Fountain or Final Draft (.fdx)"
                + " screenplay.",
            "With --assist, asks a text model for shot suggestions per scene; answers are"
                    + " cached, so a scene is paid for once."},
        footer = {"", ExitCodes.HELP})
final class BreakdownCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCRIPT", description = "the .fountain or .fdx file")
    Path script;

    @Option(names = "--json", description = "prints scenes and characters as JSON")
    boolean json;

    @Option(names = "--assist", paramLabel = "MODEL",
            description = "asks this text model from the catalog, such as openai/gpt-4.1-mini,"
                    + " for shot suggestions per scene")
    String assist;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "1200",
            description = "the maximum output tokens of each scene's suggestions"
                    + " (default: ${DEFAULT-VALUE})")
    int maxTokens;

    @Option(names = "--max-cost", paramLabel = "USD",
            description = "stops before any request is sent when the projected cost of"
                    + " --assist is above this many US dollars")
    BigDecimal maxCost;

    @Option(names = {"--yes", "-y"}, description = "spends the projected cost of --assist"
            + " without asking")
    boolean yes;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(script)) {
            err.println("Screenplay " + script + " not found; give the path of a .fountain or"
                    + " .fdx file");
            return ExitCodes.INVALID_INPUT;
        }
        Screenplay screenplay;
        try {
            screenplay = ScreenplayFormat.parse(script);
        } catch (ScreenplayException e) {
            err.println(e.getMessage());
            return ExitCodes.INVALID_INPUT;
        } catch (IOException e) {
            err.println("Failed to read screenplay " + script + ": " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        Breakdown breakdown = Breakdown.of(screenplay);
        stdout.print(json ? ReportJson.text(breakdown.toJson()) : breakdown.toText());
        stdout.flush();
        if (screenplay.scenes().isEmpty()) {
            err.println("Screenplay " + script + " has no scenes: start each scene with a heading"
                    + " such as INT. KITCHEN - NIGHT");
            return ExitCodes.INVALID_INPUT;
        }
        return assist == null ? ExitCodes.OK : assist(screenplay, stdout, err);
    }

    private int assist(Screenplay screenplay, PrintWriter stdout, PrintWriter err) {
        if (maxTokens < 16 || maxTokens > 128_000) {
            err.println("--max-tokens must be between 16 and 128000, got " + maxTokens);
            return ExitCodes.USAGE;
        }
        if (maxCost != null && maxCost.signum() < 0) {
            err.println("--max-cost must be zero or more US dollars, got "
                    + maxCost.toPlainString());
            return ExitCodes.USAGE;
        }
        stdout.println();
        try (Workspace workspace = Workspace.standard()) {
            return new BreakdownCommandAssist(workspace, script, screenplay.scenes(), stdout)
                    .run(assist, maxTokens, maxCost, yes);
        } catch (CommandFailure failure) {
            stdout.flush();
            err.println(failure.getMessage());
            return failure.exitCode();
        }
    }
}

package io.reelgraph.app.cli;

import io.reelgraph.nodes.screenplay.Breakdown;
import io.reelgraph.nodes.screenplay.Screenplay;
import io.reelgraph.nodes.screenplay.ScreenplayException;
import io.reelgraph.nodes.screenplay.ScreenplayFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code reelgraph breakdown}: lists a screenplay's scenes and characters. */
@Command(versionProvider = ReelgraphCommand.Version.class, name = "breakdown", mixinStandardHelpOptions = true,
        description = "Lists the scenes and characters of a Fountain or Final Draft (.fdx)"
                + " screenplay.",
        footer = {"", ExitCodes.HELP})
final class BreakdownCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCRIPT", description = "the .fountain or .fdx file")
    Path script;

    @Option(names = "--json", description = "prints scenes and characters as JSON")
    boolean json;

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
        return ExitCodes.OK;
    }
}

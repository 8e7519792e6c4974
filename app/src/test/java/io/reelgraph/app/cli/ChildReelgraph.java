package io.reelgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command line in a child JVM on the test class path, as a user's shell would, with
 * its own environment. Provider key variables of the test's own environment are removed, so a
 * child gets only the keys a test gives it.
 */
final class ChildReelgraph {

    private static final List<String> KEY_VARIABLES = List.of("OPENAI_API_KEY",
            "REPLICATE_API_TOKEN", "FAL_KEY", "STABILITY_API_KEY", "ELEVENLABS_API_KEY",
            "RUNWAYML_API_SECRET", "LUMAAI_API_KEY", "GEMINI_API_KEY", "BFL_API_KEY",
            "REELGRAPH_PASSPHRASE");

    private ChildReelgraph() {
    }

    /**
     * Runs {@code reelgraph ARGS} and waits for it, then asserts exit code 0 with the console
     * text in the failure message.
     *
     * @param console the file that gets standard output and standard error
     */
    static String runOk(Map<String, String> environment, Path console, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                "io.reelgraph.app.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(console.toFile());
        KEY_VARIABLES.forEach(builder.environment()::remove);
        builder.environment().putAll(environment);
        Process child = builder.start();
        assertThat(child.waitFor(240, TimeUnit.SECONDS)).as("reelgraph finished in time")
                .isTrue();
        String output = Files.readString(console);
        assertThat(child.exitValue()).as(output).isZero();
        return output;
    }
}

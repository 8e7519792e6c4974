package io.reelgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgraph.engine.cache.H2ResultCache;
import io.reelgraph.nodes.provider.openai.FakeOpenAiServer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code breakdown --assist} in a child process against a fake OpenAI server: shot suggestions
 * per scene go through the engine and its result cache, and nothing is sent without a key or
 * without consent to spend.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BreakdownCommandAssistTest {

    private static final String SCRIPT = """
            INT. KITCHEN - NIGHT

            Steam fogs the window. ANNA stirs a pot.

            EXT. GARDEN - DAY

            Bees drift over the beans. TOM kneels in the dirt.
            """;
    private static final String MODEL = "openai/gpt-4.1-mini";

    @TempDir
    Path folder;

    private FakeOpenAiServer fake;
    private Path script;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeOpenAiServer();
        script = Files.createDirectories(folder.resolve("two-rooms")).resolve("s.fountain");
        Files.writeString(script, SCRIPT);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    /** Runs {@code reelgraph breakdown} in a child JVM with its own home folder. */
    private CliRun breakdown(Map<String, String> environment, String... options)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                "io.reelgraph.app.Main", "breakdown", script.toString()));
        command.addAll(List.of(options));
        Path out = folder.resolve("stdout.txt");
        Path err = folder.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("OPENAI_API_KEY");
        builder.environment().remove("REELGRAPH_PASSPHRASE");
        builder.environment().put("REELGRAPH_HOME", folder.resolve("home").toString());
        builder.environment().put("REELGRAPH_OPENAI_BASE_URL", fake.baseUrl());
        builder.environment().putAll(environment);
        Process child = builder.start();
        assertThat(child.waitFor(100, TimeUnit.SECONDS)).isTrue();
        return new CliRun(child.exitValue(), Files.readString(out), Files.readString(err));
    }

    private CliRun assistWithKey(String... extra) throws Exception {
        List<String> options = new ArrayList<>(List.of("--assist", MODEL));
        options.addAll(List.of(extra));
        return breakdown(Map.of("OPENAI_API_KEY", fake.key()), options.toArray(String[]::new));
    }

    @Nested
    class Suggestions {

        @Test
        void eachSceneGetsSuggestions() throws Exception {
            CliRun run = assistWithKey("--yes");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.OK);
            assertThat(fake.submits()).isEqualTo(2);
            assertThat(run.stdout()).contains("Scene 1: INT. KITCHEN - NIGHT\n  "
                    + FakeOpenAiServer.ANSWER_PREFIX + "INT. KITCHEN - NIGHT. Steam fogs the"
                    + " window. ANNA stirs a pot. Characters:\n");
            assertThat(run.stdout()).contains("Scene 2: EXT. GARDEN - DAY\n  "
                    + FakeOpenAiServer.ANSWER_PREFIX + "EXT. GARDEN - DAY.");
        }

        @Test
        void runReportsActualBesideProjected() throws Exception {
            CliRun run = assistWithKey("--yes");

            // Two calls of 1234 prompt and 567 completion tokens: 2 x $0.0014008.
            assertThat(run.stdout()).as(run.describe()).contains("Cost: $0.0028 spent");
            assertThat(run.stdout()).contains("0 cached, 2 to request");
        }

        @Test
        void cacheEntryKeepsActualCost() throws Exception {
            CliRun run = assistWithKey("--yes");
            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.OK);

            List<BigDecimal> actual = new ArrayList<>();
            List<BigDecimal> projected = new ArrayList<>();
            try (H2ResultCache cache = H2ResultCache.open(folder.resolve("home/cache"));
                    Connection connection = cache.dataSource().getConnection();
                    ResultSet rows = connection.createStatement().executeQuery("SELECT"
                            + " ACTUAL_USD, PROJECTED_USD FROM RESULT WHERE NODE_TYPE ="
                            + " 'model.text'")) {
                while (rows.next()) {
                    actual.add(rows.getBigDecimal(1));
                    projected.add(rows.getBigDecimal(2));
                }
            }
            assertThat(actual).hasSize(2);
            // The usage of the fake's response costs exactly $0.0014008, kept without rounding.
            assertThat(actual).allSatisfy(usd -> assertThat(usd).isEqualByComparingTo("0.0014008"));
            assertThat(projected).allSatisfy(usd -> assertThat(usd).isGreaterThan(actual.get(0)));
        }

        @Test
        void secondRunIsServedFromCache() throws Exception {
            CliRun first = assistWithKey("--yes");
            CliRun second = assistWithKey();

            assertThat(first.exitCode()).as(first.describe()).isEqualTo(ExitCodes.OK);
            assertThat(second.exitCode()).as(second.describe()).isEqualTo(ExitCodes.OK);
            assertThat(fake.submits()).as("no scene is paid for twice").isEqualTo(2);
            assertThat(second.stdout()).contains("2 cached, 0 to request, projected $0.0000");
            assertThat(second.stdout()).contains(FakeOpenAiServer.ANSWER_PREFIX
                    + "EXT. GARDEN - DAY.");
        }
    }

    @Nested
    class Draft {

        @Test
        void draftTextModelNeedsNoKey() throws Exception {
            CliRun run = breakdown(Map.of(), "--assist", "draft/text", "--yes");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.OK);
            assertThat(run.stdout()).contains("Scene 1: INT. KITCHEN - NIGHT\n");
            assertThat(run.stdout()).contains("Scene 2: EXT. GARDEN - DAY\n");
            assertThat(fake.submits()).isZero();
        }
    }

    @Nested
    class NothingSent {

        @Test
        void missingKeyFailsFirst() throws Exception {
            CliRun run = breakdown(Map.of(), "--assist", MODEL, "--yes");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.REFUSED);
            assertThat(run.stderr()).contains("Model openai/gpt-4.1-mini needs a key for"
                    + " provider openai: add one with 'reelgraph keys add openai' or set"
                    + " OPENAI_API_KEY. Nothing was sent.");
            assertThat(fake.submits()).isZero();
        }

        @Test
        void costNeedsConsent() throws Exception {
            CliRun run = assistWithKey();

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.REFUSED);
            assertThat(run.stderr()).contains("run again with --yes to spend it. Nothing was"
                    + " sent.");
            assertThat(fake.submits()).isZero();
        }

        @Test
        void maxCostBelowProjectionRefuses() throws Exception {
            CliRun run = assistWithKey("--yes", "--max-cost", "0.001");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.REFUSED);
            assertThat(run.stderr()).contains("is above --max-cost $0.0010. Nothing was sent.");
            assertThat(fake.submits()).isZero();
        }

        @Test
        void imageModelIsRejected() throws Exception {
            CliRun run = breakdown(Map.of("OPENAI_API_KEY", fake.key()), "--assist",
                    "openai/gpt-image-1", "--yes");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(run.stderr()).contains("--assist needs a text model from the model"
                    + " catalog, got \"openai/gpt-image-1\"");
            assertThat(fake.submits()).isZero();
        }
    }
}

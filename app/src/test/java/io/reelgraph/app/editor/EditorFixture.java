package io.reelgraph.app.editor;

import static org.assertj.swing.edt.GuiActionRunner.execute;

import io.reelgraph.app.Home;
import io.reelgraph.app.Workspace;
import io.reelgraph.engine.run.Plan;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.timing.Condition;
import org.assertj.swing.timing.Pause;
import org.assertj.swing.timing.Timeout;
import org.junit.jupiter.api.Assumptions;

/**
 * An editor window on a copy of the night-market sample, with its own home folder, driven by an
 * AssertJ Swing robot. Skips the calling test when no display is available.
 */
final class EditorFixture implements AutoCloseable {

    static final Path SAMPLE = locateSample();

    static {
        if (System.getProperty("reelgraph.logs") == null) {
            System.setProperty("reelgraph.logs",
                    Path.of("target", "test-logs").toAbsolutePath().toString());
        }
    }

    final Path folder;
    final Path graphFile;
    final Robot robot;
    final FrameFixture frame;
    final EditorWindow window;
    final Workspace workspace;

    private EditorFixture(Path folder, Map<String, String> environment) {
        this.folder = folder;
        this.graphFile = folder.resolve("night-market.reelgraph");
        System.setProperty(Home.PROPERTY, folder.resolve("home").toString());
        Themes.install(false);
        workspace = Workspace.standard(environment);
        robot = BasicRobot.robotWithNewAwtHierarchy();
        window = execute(() -> EditorWindow.open(workspace, Optional.of(graphFile)));
        frame = new FrameFixture(robot, window);
    }

    /** Opens the sample copied into {@code folder}; skips the test without a display. */
    static EditorFixture openSample(Path folder) {
        return openSample(folder, System.getenv());
    }

    /** Opens the sample with {@code environment} in place of the process's variables. */
    static EditorFixture openSample(Path folder, Map<String, String> environment) {
        Assumptions.assumeFalse(GraphicsEnvironment.isHeadless(),
                "no display: run the editor tests under xvfb-run");
        copyFolder(SAMPLE, folder);
        return new EditorFixture(folder, environment);
    }

    /** Waits until the plan of the current graph is ready and returns it. */
    Plan awaitPlan() {
        waitFor("the plan of the current graph", () -> window.currentPlan().isPresent());
        return execute(() -> window.currentPlan().orElseThrow());
    }

    void waitFor(String description, Supplier<Boolean> condition) {
        Pause.pause(new Condition(description) {
            @Override
            public boolean test() {
                return execute(condition::get);
            }
        }, Timeout.timeout(120_000));
    }

    /**
     * Waits until {@code done} holds for as long as {@code progress} keeps changing, and fails
     * once it has not changed for {@code stall}. A run's length depends on the machine's load,
     * so a fixed limit on the whole run fails on a busy machine while a stalled run still fails.
     */
    void waitWhileProgressing(String description, Supplier<Boolean> done,
            Supplier<String> progress, Duration stall) {
        String last = execute(progress::get);
        long lastChange = System.nanoTime();
        while (!execute(done::get)) {
            String now = execute(progress::get);
            if (!now.equals(last)) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > stall.toNanos()) {
                throw new AssertionError("Timed out waiting for " + description + ": no progress"
                        + " for " + stall.toSeconds() + " s; progress stayed at \"" + last + "\"");
            }
            Pause.pause(200);
        }
    }

    @Override
    public void close() {
        execute(() -> {
            window.document().replace(window.document().graph(), window.document().file());
            window.closeWindow();
        });
        frame.cleanUp();
        workspace.close();
        System.clearProperty(Home.PROPERTY);
    }

    private static Path locateSample() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("samples/night-market");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("samples/night-market not found above " + here);
    }

    static void copyFolder(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path relative = from.relativize(source);
                if (relative.startsWith("out")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

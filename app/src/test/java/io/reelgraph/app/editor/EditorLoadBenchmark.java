package io.reelgraph.app.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.swing.edt.GuiActionRunner.execute;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.app.Home;
import io.reelgraph.app.Workspace;
import io.reelgraph.engine.file.GraphFile;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.NodeId;
import java.awt.GraphicsEnvironment;
import io.reelgraph.engine.graph.Connection;
import java.awt.image.BufferedImage;
import java.lang.ref.WeakReference;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.timing.Condition;
import org.assertj.swing.timing.Pause;
import org.assertj.swing.timing.Timeout;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures the editor on a 2,000-node film graph: time to first paint, one full repaint, one
 * param edit, one node move, one node add, one connect, the first plan, heap after GC, and how
 * many closed windows are still reachable. Not a unit test: it runs only when the
 * {@code reelgraph.bench.editor} property sets the number of opens, and it asserts no times.
 * See docs/benchmarks.md, section "Editor", for the command and the recorded figures.
 */
class EditorLoadBenchmark {

    private static final int CHAINS = 666;

    @TempDir
    Path temp;

    @Test
    void measuresFilmGraph() throws Exception {
        int opens = Integer.getInteger("reelgraph.bench.editor", 0);
        Assumptions.assumeTrue(opens > 0, "set -Dreelgraph.bench.editor=OPENS");
        Assumptions.assumeFalse(GraphicsEnvironment.isHeadless(), "run under xvfb-run");
        EditorFixture.copyFolder(EditorFixture.SAMPLE, temp);
        Graph film = FilmGraphs.film(temp.resolve("night-market.reelgraph"), CHAINS);
        Path file = temp.resolve("film.reelgraph");
        GraphFile.write(film, file, "EditorLoadBenchmark");
        System.setProperty(Home.PROPERTY, temp.resolve("home").toString());
        Themes.install(false);

        List<String> lines = new ArrayList<>();
        lines.add("nodes=" + film.nodeCount() + " connections=" + film.connections().size());
        List<WeakReference<EditorWindow>> closed = new ArrayList<>();
        try (Workspace workspace = Workspace.standard()) {
            for (int open = 1; open <= opens; open++) {
                lines.add("open " + open + ": " + measureOnce(workspace, file, closed));
            }
            usedHeapAfterGc();
            long reachable = closed.stream().filter(window -> window.get() != null).count();
            lines.add("closed windows still reachable after GC: " + reachable + " of "
                    + closed.size());
        } finally {
            System.clearProperty(Home.PROPERTY);
        }
        lines.forEach(System.out::println);
        Files.write(Path.of("target", "editor-bench.txt"), lines);
        assertThat(lines).hasSize(opens + 2);
    }

    private static String measureOnce(Workspace workspace, Path file,
            List<WeakReference<EditorWindow>> closed) {
        Robot robot = BasicRobot.robotWithNewAwtHierarchy();
        long heapBefore = usedHeapAfterGc();
        long start = System.nanoTime();
        EditorWindow window = execute(() -> EditorWindow.open(workspace, Optional.of(file)));
        long opened = System.nanoTime();
        // The window is visible once open returns; idle means its first paint has been done.
        robot.waitForIdle();
        long painted = System.nanoTime();
        try {
            long repaint = timed(() -> execute(() -> paintAll(window)));
            long edit = timed(() -> {
                execute(() -> window.setParam(NodeId.of("image-0"), "seed", IntNode.valueOf(8)));
                robot.waitForIdle();
            });
            long move = timed(() -> {
                execute(() -> moveNode(window, NodeId.of("video-0")));
                robot.waitForIdle();
            });
            long add = timed(() -> {
                execute(() -> window.document().edit(window.document().graph().withNode(
                        window.document().graph().requireNode(NodeId.of("prompt-0"))
                                .withId(NodeId.of("prompt-added")))));
                robot.waitForIdle();
            });
            long connect = timed(() -> {
                execute(() -> window.connect(
                        Connection.of("script", "scenes", "prompt-added", "scene")));
                robot.waitForIdle();
            });
            awaitPlan(window);
            long planned = System.nanoTime();
            long heapOpen = usedHeapAfterGc();
            return String.format(Locale.ROOT, "open %d ms, first paint %d ms, full repaint %d ms,"
                    + " param edit %d ms, node move %d ms, node add %d ms, connect %d ms,"
                    + " first plan %d ms, heap after GC %d MiB (%d MiB before)",
                    millis(opened - start), millis(painted - start), millis(repaint),
                    millis(edit), millis(move), millis(add), millis(connect),
                    millis(planned - start), heapOpen >> 20, heapBefore >> 20);
        } finally {
            execute(() -> {
                window.document().replace(window.document().graph(), window.document().file());
                window.closeWindow();
            });
            robot.cleanUp();
            closed.add(new WeakReference<>(window));
        }
    }

    /** Moves a node 40 units right, as a drag on the canvas does, which redraws the canvas. */
    private static void moveNode(EditorWindow window, NodeId node) {
        Graph graph = window.document().graph();
        ObjectNode layout = graph.requireNode(node).layout();
        layout.put("x", layout.path("x").asInt() + 40);
        window.document().edit(graph.withLayout(node, layout));
    }

    private static void awaitPlan(EditorWindow window) {
        Pause.pause(new Condition("the plan of the film graph") {
            @Override
            public boolean test() {
                return execute(() -> window.currentPlan().isPresent());
            }
        }, Timeout.timeout(600_000));
    }

    private static BufferedImage paintAll(EditorWindow window) {
        BufferedImage image = new BufferedImage(window.getWidth(), window.getHeight(),
                BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D graphics = image.createGraphics();
        try {
            window.getRootPane().paintAll(graphics);
        } finally {
            graphics.dispose();
        }
        return image;
    }

    private static long timed(Runnable step) {
        long start = System.nanoTime();
        step.run();
        return System.nanoTime() - start;
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

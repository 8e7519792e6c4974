package io.reelgraph.app.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.swing.edt.GuiActionRunner.execute;

import io.reelgraph.engine.graph.NodeId;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes a screenshot of the editor on the sample after a draft run, to the PNG path given by
 * the {@code reelgraph.screenshot} system property; skipped without it. See docs/editor.md.
 */
class EditorScreenshotTest {

    @TempDir
    Path temp;

    @Test
    void writesScreenshotAfterDraftRun() throws Exception {
        String target = System.getProperty("reelgraph.screenshot", "");
        Assumptions.assumeFalse(target.isBlank(), "set -Dreelgraph.screenshot=FILE.png");
        try (EditorFixture editor = EditorFixture.openSample(temp)) {
            execute(() -> editor.window.setDraft(true));
            editor.awaitPlan();
            editor.frame.button("toolbar.run").click();
            editor.frame.optionPane().buttonWithText("Run").click();
            editor.waitFor("the run to finish", () -> !editor.window.running()
                    && editor.window.runSummary().startsWith("Run "));
            editor.awaitPlan();
            execute(() -> editor.window.canvas().select(Optional.of(NodeId.of("keyframe"))));
            editor.frame.tabbedPane("side.tabs").selectTab("Preview");
            editor.waitFor("the preview images", () -> editor.robot.finder().findAll(
                    editor.window, component -> "preview.image".equals(component.getName()))
                    .size() == 6);
            editor.robot.waitForIdle();

            BufferedImage image = execute(() -> paint(editor.window));
            Path file = Path.of(target).toAbsolutePath();
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "png", file.toFile());
            assertThat(Files.size(file)).isPositive();
        }
    }

    private static BufferedImage paint(EditorWindow window) {
        BufferedImage image = new BufferedImage(window.getWidth(), window.getHeight(),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING,
                    RenderingHints.VALUE_ANTIALIAS_ON);
            window.getRootPane().printAll(graphics);
        } finally {
            graphics.dispose();
        }
        return image;
    }
}

package io.reelgraph.app.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.swing.edt.GuiActionRunner.execute;

import java.awt.Image;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.MultiResolutionImage;
import java.awt.image.RenderedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import io.reelgraph.engine.graph.NodeId;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captures the editor from the screen in device pixels, to check how it looks at a UI scale
 * such as {@code -Dsun.java2d.uiScale=2}; the PNG goes to the {@code reelgraph.scaleScreenshot}
 * system property and the test is skipped without it. See docs/editor.md.
 */
class EditorScaleScreenshotTest {

    @TempDir
    Path temp;

    @Test
    void writesScreenCaptureInDevicePixels() throws Exception {
        String target = System.getProperty("reelgraph.scaleScreenshot", "");
        Assumptions.assumeFalse(target.isBlank(), "set -Dreelgraph.scaleScreenshot=FILE.png");
        try (EditorFixture editor = EditorFixture.openSample(temp)) {
            execute(() -> editor.window.canvas().select(Optional.of(NodeId.of("keyframe"))));
            editor.awaitPlan();
            editor.robot.waitForIdle();

            Rectangle bounds = execute(() -> editor.window.getBounds());
            MultiResolutionImage capture = new java.awt.Robot()
                    .createMultiResolutionScreenCapture(bounds);
            List<Image> variants = capture.getResolutionVariants();
            Image largest = variants.get(variants.size() - 1);
            Path file = Path.of(target).toAbsolutePath();
            Files.createDirectories(file.getParent());
            ImageIO.write((RenderedImage) largest, "png", file.toFile());
            assertThat(((BufferedImage) largest).getWidth()).isGreaterThanOrEqualTo(bounds.width);
        }
    }
}

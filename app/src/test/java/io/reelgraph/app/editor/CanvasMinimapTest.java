package io.reelgraph.app.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.swing.edt.GuiActionRunner.execute;

import java.awt.Component;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.event.KeyEvent;
import java.nio.file.Path;
import javax.swing.JCheckBoxMenuItem;
import org.assertj.swing.core.MouseButton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanvasMinimapTest {

    @TempDir
    Path temp;

    private EditorFixture editor;

    @AfterEach
    void closeEditor() {
        if (editor != null) {
            editor.close();
        }
    }

    @Nested
    class Showing {

        @Test
        void minimapShowsOnOpen() {
            editor = EditorFixture.openSample(temp);

            Component minimap = minimap();

            assertThat(execute(minimap::isShowing)).isTrue();
            assertThat(execute(minimap::getWidth)).isEqualTo(220);
            assertThat(execute(() -> editor.window.canvas().minimapVisible())).isTrue();
        }

        @Test
        void mKeyHidesAndShowsMinimap() {
            editor = EditorFixture.openSample(temp);
            editor.robot.focusAndWaitForFocusGain(canvasControl());

            editor.robot.pressAndReleaseKey(KeyEvent.VK_M);
            editor.robot.waitForIdle();
            boolean afterFirst = execute(() -> minimap().isShowing());
            boolean menuAfterFirst = execute(() -> menuItem().isSelected());
            editor.robot.pressAndReleaseKey(KeyEvent.VK_M);
            editor.robot.waitForIdle();

            assertThat(afterFirst).isFalse();
            assertThat(menuAfterFirst).isFalse();
            assertThat(execute(() -> minimap().isShowing())).isTrue();
            assertThat(execute(() -> menuItem().isSelected())).isTrue();
        }

        @Test
        void viewMenuItemHidesMinimap() {
            editor = EditorFixture.openSample(temp);

            editor.frame.menuItemWithPath("View", "Minimap (M)").click();
            editor.robot.waitForIdle();

            assertThat(execute(() -> editor.window.canvas().minimapVisible())).isFalse();
            assertThat(execute(() -> minimap().isShowing())).isFalse();
        }
    }

    @Nested
    class Viewport {

        @Test
        void markerFollowsScrolledCanvas() {
            editor = EditorFixture.openSample(temp);
            zoomInAndScrollTo(new Point(0, 0));
            Rectangle before = execute(() -> editor.window.canvas().minimapViewportMarker());

            // Halfway into the room the zoomed graph leaves to scroll, in both directions.
            Point middle = execute(() -> {
                javax.swing.JViewport viewport = ((javax.swing.JScrollPane) editor.robot.finder()
                        .findByName(editor.window, "canvas")).getViewport();
                return new Point(
                        (viewport.getViewSize().width - viewport.getExtentSize().width) / 2,
                        (viewport.getViewSize().height - viewport.getExtentSize().height) / 2);
            });
            assertThat(middle.x).as("horizontal room to scroll").isPositive();
            assertThat(middle.y).as("vertical room to scroll").isPositive();
            scrollTo(middle);
            Rectangle after = execute(() -> editor.window.canvas().minimapViewportMarker());

            assertThat(after.x).isGreaterThan(before.x);
            assertThat(after.y).isGreaterThan(before.y);
            // The marker is rounded to whole pixels, so its width may differ by one.
            assertThat(after.width).isCloseTo(before.width, within(1));
        }

        @Test
        void draggingMarkerPansCanvas() {
            editor = EditorFixture.openSample(temp);
            zoomInAndScrollTo(new Point(0, 0));
            Rectangle marker = execute(() -> editor.window.canvas().minimapViewportMarker());
            Point grab = new Point(marker.x + marker.width / 2, marker.y + marker.height / 2);

            editor.robot.pressMouse(minimap(), grab, MouseButton.LEFT_BUTTON);
            editor.robot.moveMouse(minimap(), new Point(grab.x + 10, grab.y + 5));
            editor.robot.moveMouse(minimap(), new Point(grab.x + 20, grab.y + 10));
            editor.robot.releaseMouse(MouseButton.LEFT_BUTTON);
            editor.robot.waitForIdle();

            Point panned = execute(() -> editor.window.canvas().viewPosition());
            assertThat(panned.x).isGreaterThan(0);
            assertThat(panned.y).isGreaterThan(0);
        }

        private void zoomInAndScrollTo(Point position) {
            // The first plan fills the side panels, which changes the canvas size; zoom after it.
            editor.awaitPlan();
            editor.robot.waitForIdle();
            execute(() -> {
                for (int i = 0; i < 5; i++) {
                    editor.window.canvas().zoomIn();
                }
            });
            editor.robot.waitForIdle();
            scrollTo(position);
        }

        private void scrollTo(Point position) {
            execute(() -> {
                javax.swing.JScrollPane pane = (javax.swing.JScrollPane) editor.robot.finder()
                        .findByName(editor.window, "canvas");
                pane.getViewport().setViewPosition(position);
            });
            editor.robot.waitForIdle();
            assertThat(execute(() -> editor.window.canvas().viewPosition())).isEqualTo(position);
        }
    }

    private Component minimap() {
        return editor.robot.finder().findByName(editor.window, "canvas.minimap", false);
    }

    private Component canvasControl() {
        return editor.robot.finder().findByName(editor.window, "canvas.graph");
    }

    private JCheckBoxMenuItem menuItem() {
        return (JCheckBoxMenuItem) editor.robot.finder().findByName(editor.window,
                "menu.minimap", false);
    }
}

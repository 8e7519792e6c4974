package io.reelgraph.app.editor.canvas;

import com.mxgraph.swing.handler.mxConnectionHandler;
import com.mxgraph.swing.mxGraphComponent;
import java.awt.event.MouseEvent;
import java.util.function.Consumer;

/**
 * Connection handler that reports a refused drop to the editor instead of opening the modal
 * dialog JGraphX 4.2 shows, so the artist reads the reason in the status bar and keeps working.
 */
final class CheckedConnectionHandler extends mxConnectionHandler {

    private final Consumer<String> onRejected;

    CheckedConnectionHandler(mxGraphComponent component, Consumer<String> onRejected) {
        super(component);
        this.onRejected = onRejected;
    }

    @Override
    public void mouseReleased(MouseEvent e) {
        if (isActive() && error != null && !error.isEmpty()) {
            String message = error;
            reset();
            e.consume();
            onRejected.accept(message);
            return;
        }
        super.mouseReleased(e);
    }
}

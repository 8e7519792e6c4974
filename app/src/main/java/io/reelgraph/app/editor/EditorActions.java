package io.reelgraph.app.editor;

import java.awt.Toolkit;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.JButton;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JToolBar;
import javax.swing.KeyStroke;

/** The menu and toolbar actions of the editor window, enabled by document and run state. */
final class EditorActions {

    private final EditorWindow window;
    private final Action newGraph;
    private final Action open;
    private final Action save;
    private final Action saveAs;
    private final Action undo;
    private final Action redo;
    private final Action delete;
    private final Action zoomIn;
    private final Action zoomOut;
    private final Action fit;
    private final Action estimate;
    private final Action run;
    private final Action cancel;
    private final Action light;
    private final Action dark;
    private final Action keys;
    private final Action budgetCaps;
    private final Action spend;

    EditorActions(EditorWindow window) {
        this.window = window;
        int menu = Toolkit.getDefaultToolkit().getMenuShortcutKeyMaskEx();
        newGraph = action("New", KeyEvent.VK_N, menu, window::newGraph);
        open = action("Open…", KeyEvent.VK_O, menu, window::chooseAndOpen);
        save = action("Save", KeyEvent.VK_S, menu, window::save);
        saveAs = action("Save As…", KeyEvent.VK_S, menu | KeyEvent.SHIFT_DOWN_MASK,
                window::saveAs);
        undo = action("Undo", KeyEvent.VK_Z, menu, window::undo);
        redo = action("Redo", KeyEvent.VK_Z, menu | KeyEvent.SHIFT_DOWN_MASK, window::redo);
        delete = action("Delete", 0, 0, () -> window.canvas().deleteSelection());
        zoomIn = action("Zoom In", KeyEvent.VK_EQUALS, menu, () -> window.canvas().zoomIn());
        zoomOut = action("Zoom Out", KeyEvent.VK_MINUS, menu, () -> window.canvas().zoomOut());
        fit = action("Fit", KeyEvent.VK_0, menu, () -> window.canvas().fit());
        estimate = action("Estimate", KeyEvent.VK_E, menu, window::estimate);
        run = action("Run…", KeyEvent.VK_R, menu, window::run);
        cancel = action("Cancel Run", KeyEvent.VK_PERIOD, menu, window::cancelRun);
        light = action("Light Theme", 0, 0, () -> Themes.switchTo(window, false));
        dark = action("Dark Theme", 0, 0, () -> Themes.switchTo(window, true));
        keys = action("Keys…", KeyEvent.VK_K, menu | KeyEvent.SHIFT_DOWN_MASK,
                window::openKeys);
        budgetCaps = action("Budget Caps…", KeyEvent.VK_B, menu | KeyEvent.SHIFT_DOWN_MASK,
                window::openBudget);
        spend = action("Spend…", 0, 0, window::openSpend);
        cancel.setEnabled(false);
    }

    private static Action action(String name, int key, int modifiers, Runnable behaviour) {
        Action action = new AbstractAction(name) {
            @Override
            public void actionPerformed(ActionEvent event) {
                behaviour.run();
            }
        };
        if (key != 0) {
            action.putValue(Action.ACCELERATOR_KEY, KeyStroke.getKeyStroke(key, modifiers));
        }
        return action;
    }

    JMenuBar menuBar() {
        JMenuBar bar = new JMenuBar();
        bar.add(menu("File", newGraph, open, save, saveAs));
        bar.add(menu("Edit", undo, redo, delete));
        bar.add(menu("View", zoomIn, zoomOut, fit, light, dark));
        bar.add(menu("Run", estimate, run, cancel));
        bar.add(menu("Keys", keys));
        bar.add(menu("Budget", budgetCaps, spend));
        return bar;
    }

    JToolBar toolBar() {
        JToolBar bar = new JToolBar();
        bar.setFloatable(false);
        bar.add(button(open, "toolbar.open"));
        bar.add(button(save, "toolbar.save"));
        bar.addSeparator();
        bar.add(button(undo, "toolbar.undo"));
        bar.add(button(redo, "toolbar.redo"));
        bar.addSeparator();
        bar.add(button(zoomIn, "toolbar.zoomIn"));
        bar.add(button(zoomOut, "toolbar.zoomOut"));
        bar.add(button(fit, "toolbar.fit"));
        bar.addSeparator();
        bar.add(button(estimate, "toolbar.estimate"));
        bar.add(button(run, "toolbar.run"));
        bar.add(button(cancel, "toolbar.cancel"));
        return bar;
    }

    private static JButton button(Action action, String name) {
        JButton button = new JButton(action);
        button.setName(name);
        button.setFocusable(false);
        return button;
    }

    private static JMenu menu(String name, Action... actions) {
        JMenu menu = new JMenu(name);
        for (Action action : actions) {
            menu.add(action);
        }
        return menu;
    }

    void documentChanged(EditorDocument document) {
        undo.setEnabled(document.canUndo());
        redo.setEnabled(document.canRedo());
    }

    void runningChanged(boolean running) {
        run.setEnabled(!running);
        cancel.setEnabled(running);
    }

    void close() {
        window.closeWindow();
    }
}

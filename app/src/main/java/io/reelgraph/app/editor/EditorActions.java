package io.reelgraph.app.editor;

import io.reelgraph.app.Home;
import io.reelgraph.app.editor.canvas.Alignment;
import java.awt.Toolkit;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.ButtonGroup;
import javax.swing.JButton;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JRadioButtonMenuItem;
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
    private final Action group;
    private final Action ungroup;
    private final Action[] arrange;
    private final Action zoomIn;
    private final Action zoomOut;
    private final Action fit;
    private final Action minimap;
    private final Action estimate;
    private final Action run;
    private final Action cancel;
    private final Action copy;
    private final Action cut;
    private final Action paste;
    private final Action duplicate;
    private final Action runSelected;
    private final Action reroll;
    private final Action openOutput;
    private final Action exportCut;
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
        group = action("Group", KeyEvent.VK_G, menu, window::groupSelection);
        ungroup = action("Ungroup", KeyEvent.VK_G, menu | KeyEvent.SHIFT_DOWN_MASK,
                window::ungroupSelection);
        arrange = new Action[] {
            action("Align Left", 0, 0, () -> window.canvas().align(Alignment.LEFT)),
            action("Align Top", 0, 0, () -> window.canvas().align(Alignment.TOP)),
            action("Distribute Horizontally", 0, 0,
                    () -> window.canvas().align(Alignment.DISTRIBUTE_HORIZONTALLY)),
            action("Distribute Vertically", 0, 0,
                    () -> window.canvas().align(Alignment.DISTRIBUTE_VERTICALLY)),
        };
        zoomIn = action("Zoom In", KeyEvent.VK_EQUALS, menu, () -> window.canvas().zoomIn());
        zoomOut = action("Zoom Out", KeyEvent.VK_MINUS, menu, () -> window.canvas().zoomOut());
        fit = action("Fit", KeyEvent.VK_0, menu, () -> window.canvas().fit());
        // M is bound on the canvas only, because a menu key without a modifier would also
        // fire while the artist types an M in a text field.
        minimap = action("Minimap (M)", 0, 0,
                () -> window.canvas().setMinimapVisible(!window.canvas().minimapVisible()));
        minimap.putValue(Action.SELECTED_KEY, window.canvas().minimapVisible());
        window.canvas().addPropertyChangeListener("minimapVisible",
                event -> minimap.putValue(Action.SELECTED_KEY, event.getNewValue()));
        estimate = action("Estimate", KeyEvent.VK_E, menu, window::estimate);
        run = action("Run…", KeyEvent.VK_R, menu, window::run);
        cancel = action("Cancel Run", KeyEvent.VK_PERIOD, menu, window::cancelRun);
        copy = action("Copy", KeyEvent.VK_C, menu,
                () -> window.clipboard().copy(window.canvas().selectedNodes()));
        cut = action("Cut", KeyEvent.VK_X, menu,
                () -> window.clipboard().cut(window.canvas().selectedNodes()));
        paste = action("Paste", KeyEvent.VK_V, menu, () -> window.clipboard().paste());
        duplicate = action("Duplicate", KeyEvent.VK_D, menu,
                () -> window.clipboard().duplicate(window.canvas().selectedNodes()));
        runSelected = action("Run Selected Node…", KeyEvent.VK_R,
                menu | KeyEvent.SHIFT_DOWN_MASK, window::runSelected);
        reroll = action("Re-roll Selected Node…", KeyEvent.VK_R,
                menu | KeyEvent.ALT_DOWN_MASK, window::reroll);
        openOutput = action("Open Output Folder", 0, 0, window::openOutputFolder);
        exportCut = action("Export Cut…", 0, 0, window::exportCut);
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
        JMenu file = menu("File", newGraph, open);
        file.add(new RecentFilesMenu(window));
        file.add(save);
        file.add(saveAs);
        file.add(openOutput);
        file.add(exportCut);
        bar.add(file);
        JMenu edit = menu("Edit", undo, redo, cut, copy, paste, duplicate, delete, group, ungroup);
        edit.add(menu("Arrange", arrange));
        bar.add(edit);
        JMenu view = menu("View", zoomIn, zoomOut, fit);
        JCheckBoxMenuItem minimapItem = new JCheckBoxMenuItem(minimap);
        minimapItem.setName("menu.minimap");
        view.add(minimapItem, 3);
        view.add(themeMenu());
        bar.add(view);
        bar.add(menu("Run", estimate, run, runSelected, reroll, cancel));
        bar.add(menu("Keys", keys));
        bar.add(menu("Budget", budgetCaps, spend));
        return bar;
    }

    /** View > Theme: one radio item per choice, the saved one selected. */
    private JMenu themeMenu() {
        JMenu themes = new JMenu("Theme");
        ButtonGroup choices = new ButtonGroup();
        ThemeChoice saved = ThemeChoice.load(Home.folder());
        for (ThemeChoice choice : ThemeChoice.values()) {
            JRadioButtonMenuItem item = new JRadioButtonMenuItem(choice.label(), choice == saved);
            item.setName("menu.theme." + choice.name().toLowerCase(java.util.Locale.ROOT));
            item.addActionListener(event -> Themes.choose(window, choice, Home.folder()));
            choices.add(item);
            themes.add(item);
        }
        return themes;
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
        bar.add(button(runSelected, "toolbar.runSelected"));
        bar.add(button(reroll, "toolbar.reroll"));
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
        runSelected.setEnabled(!running);
        reroll.setEnabled(!running);
        cancel.setEnabled(running);
    }

    void close() {
        window.closeWindow();
    }
}

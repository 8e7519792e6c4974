package io.reelgraph.app.editor;

import java.nio.file.Path;
import java.util.List;
import javax.swing.JMenu;
import javax.swing.JMenuItem;
import javax.swing.event.MenuEvent;
import javax.swing.event.MenuListener;

/**
 * The File > Open Recent menu. It is filled each time it opens, and files that no longer exist
 * are removed from the list then, with a message in the status bar.
 */
final class RecentFilesMenu extends JMenu {

    private final EditorWindow window;

    RecentFilesMenu(EditorWindow window) {
        super("Open Recent");
        this.window = window;
        setName("menu.recent");
        addMenuListener(new MenuListener() {
            @Override
            public void menuSelected(MenuEvent event) {
                refresh();
            }

            @Override
            public void menuDeselected(MenuEvent event) {
            }

            @Override
            public void menuCanceled(MenuEvent event) {
            }
        });
    }

    /** Rebuilds the items from the recent files list, dropping files that no longer exist. */
    void refresh() {
        removeAll();
        List<Path> missing = window.recentFiles().removeMissing();
        if (!missing.isEmpty()) {
            window.say("Removed from Open Recent because the file no longer exists: "
                    + String.join(", ", missing.stream().map(Path::toString).toList()) + ".");
        }
        List<Path> files = window.recentFiles().files();
        if (files.isEmpty()) {
            JMenuItem none = new JMenuItem("No recent graphs");
            none.setEnabled(false);
            add(none);
            return;
        }
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            JMenuItem item = new JMenuItem((i + 1) + "  " + file.getFileName());
            item.setToolTipText(file.toString());
            item.setName("menu.recent." + i);
            item.addActionListener(event -> window.openRecent(file));
            add(item);
        }
    }
}

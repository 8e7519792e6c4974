package io.reelgraph.app.editor;

import io.reelgraph.engine.type.NodeCategory;
import io.reelgraph.engine.type.NodeType;
import io.reelgraph.engine.type.NodeTypeRegistry;
import java.awt.BorderLayout;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextField;
import javax.swing.JTree;
import javax.swing.KeyStroke;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.tree.DefaultMutableTreeNode;
import javax.swing.tree.DefaultTreeModel;
import javax.swing.tree.TreePath;

/** The node palette: node types grouped by category, filtered by a search field. */
final class PalettePanel extends JPanel {

    private final NodeTypeRegistry types;
    private final Consumer<NodeType> onAdd;
    private final JTextField search = new JTextField();
    private final JTree tree = new JTree();

    PalettePanel(NodeTypeRegistry types, Consumer<NodeType> onAdd) {
        super(new BorderLayout(0, 4));
        this.types = types;
        this.onAdd = onAdd;
        setBorder(BorderFactory.createEmptyBorder(6, 6, 6, 6));
        search.setName("palette.search");
        search.putClientProperty("JTextField.placeholderText", "Search node types");
        search.putClientProperty("JTextField.showClearButton", true);
        tree.setName("palette.tree");
        tree.setRootVisible(false);
        tree.setShowsRootHandles(true);
        JButton add = new JButton("Add node");
        add.setName("palette.add");
        add.addActionListener(event -> addSelected());
        add(search, BorderLayout.NORTH);
        add(new JScrollPane(tree), BorderLayout.CENTER);
        add(add, BorderLayout.SOUTH);
        installHandlers();
        refilter();
    }

    private void installHandlers() {
        search.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                refilter();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                refilter();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                refilter();
            }
        });
        search.addActionListener(event -> addSelected());
        tree.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                if (e.getClickCount() == 2) {
                    addSelected();
                }
            }
        });
        tree.getInputMap(JComponent.WHEN_FOCUSED)
                .put(KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, 0), "reelgraph.add");
        tree.getActionMap().put("reelgraph.add", new javax.swing.AbstractAction() {
            @Override
            public void actionPerformed(java.awt.event.ActionEvent event) {
                addSelected();
            }
        });
    }

    /** Moves the keyboard focus to the search field with its text selected, to type a type. */
    void focusSearch() {
        search.selectAll();
        search.requestFocusInWindow();
    }

    /** Returns the node types whose name, id or description contains the search text. */
    List<NodeType> matching(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        List<NodeType> matches = new ArrayList<>();
        for (NodeType type : types.types()) {
            String haystack = (type.displayName() + " " + type.id() + " " + type.description())
                    .toLowerCase(Locale.ROOT);
            if (wanted.isEmpty() || haystack.contains(wanted)) {
                matches.add(type);
            }
        }
        return matches;
    }

    private void refilter() {
        Map<NodeCategory, DefaultMutableTreeNode> groups = new EnumMap<>(NodeCategory.class);
        DefaultMutableTreeNode root = new DefaultMutableTreeNode("Node types");
        List<NodeType> matches = matching(search.getText());
        matches.sort(java.util.Comparator.comparing(NodeType::category)
                .thenComparing(NodeType::displayName));
        for (NodeType type : matches) {
            DefaultMutableTreeNode group = groups.computeIfAbsent(type.category(), category -> {
                DefaultMutableTreeNode created = new DefaultMutableTreeNode(title(category));
                root.add(created);
                return created;
            });
            group.add(new DefaultMutableTreeNode(new Entry(type)));
        }
        tree.setModel(new DefaultTreeModel(root));
        for (int row = 0; row < tree.getRowCount(); row++) {
            tree.expandRow(row);
        }
        if (!search.getText().isBlank() && matches.size() >= 1) {
            selectFirstType();
        }
    }

    private void selectFirstType() {
        for (int row = 0; row < tree.getRowCount(); row++) {
            TreePath path = tree.getPathForRow(row);
            if (entryAt(path).isPresent()) {
                tree.setSelectionPath(path);
                return;
            }
        }
    }

    private void addSelected() {
        entryAt(tree.getSelectionPath()).ifPresent(entry -> onAdd.accept(entry.type()));
    }

    private static Optional<Entry> entryAt(TreePath path) {
        if (path == null) {
            return Optional.empty();
        }
        Object node = ((DefaultMutableTreeNode) path.getLastPathComponent()).getUserObject();
        return node instanceof Entry entry ? Optional.of(entry) : Optional.empty();
    }

    private static String title(NodeCategory category) {
        String lower = category.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    /** A palette leaf; the tree shows its display name. */
    private record Entry(NodeType type) {
        @Override
        public String toString() {
            return type.displayName() + "  (" + type.id() + ")";
        }
    }
}

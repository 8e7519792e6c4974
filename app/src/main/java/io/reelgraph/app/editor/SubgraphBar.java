package io.reelgraph.app.editor;

import io.reelgraph.engine.graph.Subgraph;
import java.awt.BorderLayout;
import java.util.Optional;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;

/**
 * The breadcrumb above the canvas while the inside of a subgraph is shown: where the artist is,
 * and an Exit button back to the whole graph. Hidden at the top level.
 */
final class SubgraphBar extends JPanel {

    private final JLabel path = new JLabel(" ");
    private final JButton exit = new JButton("Exit Subgraph");

    SubgraphBar(Runnable onExit) {
        super(new BorderLayout(8, 0));
        setName("subgraph.bar");
        setBorder(BorderFactory.createEmptyBorder(3, 8, 3, 8));
        path.setName("subgraph.path");
        exit.setName("subgraph.exit");
        exit.setFocusable(false);
        exit.addActionListener(event -> onExit.run());
        add(path, BorderLayout.CENTER);
        add(exit, BorderLayout.EAST);
        setVisible(false);
    }

    /** Shows the breadcrumb of a subgraph, or hides the bar at the top level. */
    void show(String graphName, Optional<Subgraph> inside) {
        setVisible(inside.isPresent());
        inside.ifPresent(subgraph -> path.setText(graphName + "  ›  " + subgraph.name() + " ("
                + subgraph.id() + ", " + subgraph.members().size() + " nodes)"));
        revalidate();
    }

    String pathText() {
        return path.getText();
    }
}

package io.reelgraph.app.editor;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.engine.graph.ExposedParam;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.graph.Subgraph;
import io.reelgraph.engine.type.NodeType;
import io.reelgraph.engine.type.NodeTypeRegistry;
import io.reelgraph.engine.type.ParamSpec;
import io.reelgraph.engine.type.ParamSpec.ParamKind;
import io.reelgraph.engine.validate.Problem;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Font;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.event.FocusAdapter;
import java.awt.event.FocusEvent;
import java.util.List;
import java.util.Optional;
import javax.swing.BorderFactory;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.text.JTextComponent;

/**
 * The inspector: the selected node's id and type, its validation problems, and one editor per
 * {@link ParamSpec} with the spec's unit and range. Typed text is stored only when it parses as
 * the param's kind; a stored value that breaks its range is shown in red with the reason.
 */
final class InspectorPanel extends JPanel {

    private static final Color PROBLEM = new Color(0xD32F2F);

    /** Receives a param value that the artist entered. */
    interface Edits {
        void paramEdited(NodeId node, String param, JsonNode value);
    }

    /** Receives a member param that the artist exposed on a subgraph or hid again. */
    interface ExposeEdits {
        void exposeChanged(NodeId subgraph, ExposedParam param, boolean exposed);
    }

    private final Edits edits;
    private ExposeEdits exposeEdits = (subgraph, param, exposed) -> { };
    private final JPanel form = new JPanel(new GridBagLayout());
    private final JLabel status = new JLabel(" ");
    private Optional<NodeId> shownNode = Optional.empty();

    InspectorPanel(Edits edits) {
        super(new BorderLayout());
        this.edits = edits;
        setName("inspector");
        form.setBorder(BorderFactory.createEmptyBorder(6, 8, 6, 8));
        status.setName("inspector.status");
        status.setForeground(PROBLEM);
        status.setBorder(BorderFactory.createEmptyBorder(4, 8, 4, 8));
        JPanel top = new JPanel(new BorderLayout());
        top.add(form, BorderLayout.NORTH);
        add(new JScrollPane(top), BorderLayout.CENTER);
        add(status, BorderLayout.SOUTH);
        showNothing();
    }

    /** Shows a node; keeps the field that has focus when the same node is shown again. */
    void show(Optional<Node> node, Optional<NodeType> type, List<Problem> problems) {
        boolean sameNode = node.map(Node::id).equals(shownNode);
        if (sameNode && isFocusOwnerInside()) {
            return;
        }
        shownNode = node.map(Node::id);
        form.removeAll();
        if (node.isEmpty()) {
            showNothing();
            return;
        }
        Row row = new Row(form);
        row.title(node.get().id() + "  ·  " + type.map(NodeType::displayName)
                .orElse("unknown type " + node.get().type()));
        if (type.isEmpty()) {
            row.note("This node type is not known to this build; its params are kept unchanged"
                    + " and written back as they are.", true);
        }
        for (Problem problem : problems) {
            row.note(problem.describe(), problem.isError());
        }
        type.ifPresent(nodeType -> {
            for (ParamSpec spec : nodeType.params()) {
                addParam(row, node.get(), spec);
            }
        });
        row.finish();
        form.revalidate();
        form.repaint();
    }

    private void showNothing() {
        form.removeAll();
        Row row = new Row(form);
        row.note("Select a node to edit its params.", false);
        row.finish();
        status.setText(" ");
        form.revalidate();
        form.repaint();
    }

    private void addParam(Row row, Node node, ParamSpec spec) {
        addParam(row, node, spec, "", "inspector.param." + spec.name());
    }

    /** Adds an editor; {@code prefix} starts the label and {@code name} names the editor. */
    private void addParam(Row row, Node node, ParamSpec spec, String prefix, String name) {
        Optional<JsonNode> stored = node.param(spec.name());
        JLabel problem = new JLabel();
        problem.setForeground(PROBLEM);
        problem.setName(name.startsWith("inspector.param.")
                ? "inspector.problem." + spec.name() : name + ".problem");
        stored.flatMap(value -> isReference(value) ? Optional.empty() : spec.check(value))
                .ifPresent(text -> problem.setText(text));
        JComponent editor = editorFor(node.id(), spec, stored, problem);
        editor.setName(name);
        editor.setToolTipText(spec.description().isEmpty() ? null : spec.description());
        row.param(prefix + label(spec, stored.isEmpty()), editor, problem);
    }

    /**
     * Shows a subgraph: its members, its exposed params with the same editors and checks as
     * member params, and a check box per member param that exposes or hides it.
     */
    void showSubgraph(Subgraph subgraph, Graph graph, NodeTypeRegistry types,
            List<Problem> problems) {
        // A rebuild would drop text being typed, but a ticked check box must show its new
        // exposed param at once.
        if (Optional.of(subgraph.id()).equals(shownNode) && isFocusOwnerInside()
                && !(focusOwner() instanceof JCheckBox)) {
            return;
        }
        shownNode = Optional.of(subgraph.id());
        form.removeAll();
        Row row = new Row(form);
        row.title(subgraph.id() + "  ·  subgraph " + subgraph.name());
        row.note("Members: " + String.join(", ", subgraph.members().stream()
                .map(NodeId::value).toList()) + ". Enter or a double-click opens it;"
                + " Ctrl+Shift+G ungroups it.", false);
        for (Problem problem : problems) {
            row.note(problem.describe(), problem.isError());
        }
        row.section("Exposed params");
        if (subgraph.exposed().isEmpty()) {
            row.note("None yet: tick member params below to expose them here.", false);
        }
        subgraph.exposed().forEach((name, exposed) -> {
            Optional<Node> member = graph.node(exposed.node());
            Optional<ParamSpec> spec = member.flatMap(node -> types.find(node.type()))
                    .flatMap(type -> type.param(exposed.param()));
            if (spec.isEmpty()) {
                row.note("\"" + name + "\" refers to " + exposed + ", which its node type does"
                        + " not define.", true);
                return;
            }
            String prefix = name.equals(exposed.param()) ? exposed.node() + " · "
                    : name + " = " + exposed + " · ";
            addParam(row, member.get(), spec.get(), prefix, "inspector.exposed." + name);
        });
        row.section("Expose member params");
        for (NodeId id : subgraph.members()) {
            Node member = graph.requireNode(id);
            Optional<NodeType> type = types.find(member.type());
            for (ParamSpec spec : type.map(NodeType::params).orElse(List.of())) {
                ExposedParam param = new ExposedParam(id, spec.name());
                JCheckBox box = new JCheckBox(param.toString(),
                        subgraph.exposedNameOf(param).isPresent());
                box.setName("inspector.expose." + param);
                box.addActionListener(event ->
                        exposeEdits.exposeChanged(subgraph.id(), param, box.isSelected()));
                row.wide(box);
            }
        }
        row.finish();
        status.setText(" ");
        form.revalidate();
        form.repaint();
    }

    /** Sets the receiver of the check boxes that expose member params of a subgraph. */
    void onExposeChanged(ExposeEdits receiver) {
        this.exposeEdits = receiver;
    }

    private JComponent editorFor(NodeId node, ParamSpec spec, Optional<JsonNode> stored,
            JLabel problem) {
        Optional<JsonNode> shown = stored.or(spec::defaultValue);
        if (spec.kind() == ParamKind.BOOLEAN && shown.map(JsonNode::isBoolean).orElse(true)) {
            JCheckBox box = new JCheckBox("", shown.map(JsonNode::asBoolean).orElse(false));
            box.addActionListener(event -> edits.paramEdited(node, spec.name(),
                    com.fasterxml.jackson.databind.node.BooleanNode.valueOf(box.isSelected())));
            return box;
        }
        if (spec.kind() == ParamKind.ENUM) {
            JComboBox<String> combo = new JComboBox<>(spec.allowed().toArray(String[]::new));
            shown.map(ParamText::display).ifPresent(text -> {
                if (!spec.allowed().contains(text)) {
                    combo.addItem(text);
                }
                combo.setSelectedItem(text);
            });
            if (shown.isEmpty()) {
                combo.setSelectedIndex(-1);
            }
            combo.addActionListener(event -> {
                Object chosen = combo.getSelectedItem();
                if (chosen != null && !shown.map(ParamText::display).orElse("").equals(chosen)) {
                    commit(node, spec, chosen.toString(), problem);
                }
            });
            return combo;
        }
        JTextComponent field = spec.kind() == ParamKind.TEXT ? new JTextArea(3, 20)
                : new JTextField(18);
        field.setText(shown.map(ParamText::display).orElse(""));
        if (stored.isEmpty()) {
            field.setForeground(Color.GRAY);
        }
        String original = field.getText();
        Runnable apply = () -> {
            if (!field.getText().equals(original)) {
                commit(node, spec, field.getText(), problem);
            }
        };
        if (field instanceof JTextField line) {
            line.addActionListener(event -> apply.run());
        } else {
            ((JTextArea) field).setLineWrap(true);
        }
        field.addFocusListener(new FocusAdapter() {
            @Override
            public void focusLost(FocusEvent e) {
                apply.run();
            }
        });
        return field instanceof JTextArea ? new JScrollPane(field) : field;
    }

    private void commit(NodeId node, ParamSpec spec, String text, JLabel problem) {
        ParamText.Parsed parsed = ParamText.parse(spec, text);
        problem.setText(parsed.problem().orElse(""));
        if (parsed.value().isEmpty()) {
            status.setText(spec.name() + ": " + parsed.problem().orElse("invalid value"));
            return;
        }
        status.setText(" ");
        edits.paramEdited(node, spec.name(), parsed.value().get());
    }

    private static boolean isReference(JsonNode value) {
        return value.isTextual() && value.asText().startsWith("$");
    }

    private static String label(ParamSpec spec, boolean usesDefault) {
        StringBuilder text = new StringBuilder(spec.name());
        if (!spec.unit().isEmpty()) {
            text.append(" (").append(spec.unit()).append(')');
        }
        if (spec.min().isPresent() || spec.max().isPresent()) {
            text.append(" [").append(spec.min().map(java.math.BigDecimal::toPlainString).orElse(""))
                    .append("…").append(spec.max().map(java.math.BigDecimal::toPlainString)
                            .orElse("")).append(']');
        }
        if (spec.required()) {
            text.append(" *");
        } else if (usesDefault) {
            text.append(" (default)");
        }
        return text.toString();
    }

    private boolean isFocusOwnerInside() {
        java.awt.Component owner = focusOwner();
        return owner != null && javax.swing.SwingUtilities.isDescendingFrom(owner, form);
    }

    private static java.awt.Component focusOwner() {
        return java.awt.KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusOwner();
    }

    /** Adds rows to the grid of the form. */
    private static final class Row {
        private final JPanel form;
        private int row;

        Row(JPanel form) {
            this.form = form;
        }

        void title(String text) {
            JLabel title = new JLabel(text);
            title.setName("inspector.title");
            title.setFont(title.getFont().deriveFont(Font.BOLD));
            form.add(title, constraints(0, 2, 0));
        }

        void section(String text) {
            JLabel title = new JLabel(text);
            title.setFont(title.getFont().deriveFont(Font.BOLD));
            title.setBorder(BorderFactory.createEmptyBorder(8, 0, 0, 0));
            form.add(title, constraints(0, 2, 0));
        }

        void wide(JComponent component) {
            form.add(component, constraints(0, 2, 0));
        }

        void note(String text, boolean problem) {
            JLabel note = new JLabel("<html>" + escape(text) + "</html>");
            if (problem) {
                note.setForeground(PROBLEM);
            }
            form.add(note, constraints(0, 2, 0));
        }

        void param(String label, JComponent editor, JLabel problem) {
            form.add(new JLabel(label), constraints(0, 1, 0));
            row--;
            form.add(editor, constraints(1, 1, 1));
            form.add(problem, constraints(1, 1, 1));
        }

        void finish() {
            GridBagConstraints filler = constraints(0, 2, 1);
            filler.weighty = 1;
            form.add(new JPanel(), filler);
        }

        private GridBagConstraints constraints(int column, int width, double weight) {
            GridBagConstraints at = new GridBagConstraints();
            at.gridx = column;
            at.gridy = row++;
            at.gridwidth = width;
            at.weightx = weight;
            at.fill = GridBagConstraints.HORIZONTAL;
            at.anchor = GridBagConstraints.NORTHWEST;
            at.insets = new Insets(2, 2, 2, 6);
            return at;
        }

        private static String escape(String text) {
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }
}

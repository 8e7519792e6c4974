package io.reelgraph.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.engine.graph.Texts;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * Explains in words why a work item will run: what differs between the key manifest it has now
 * and the one it had when it last had a result.
 */
final class Reasons {

    private static final int MAX_CHANGES = 3;
    /** Params that model nodes turn into billing fields; a billing change already names them. */
    private static final java.util.Set<String> BILLING_PARAMS =
            java.util.Set.of("model", "variation", "provider");

    private Reasons() {
    }

    /**
     * Explains a real item whose only earlier result is a draft: the changes since the draft,
     * leaving out the switch from the draft provider, which every such item has.
     */
    static String whyRunAfterDraft(JsonNode draft, JsonNode current) {
        List<String> changes = changes(draft, current, true);
        String first = "first real run; only a draft was made";
        return changes.isEmpty() ? first : String.join("; ", cut(changes)) + "; " + first;
    }

    static String whyRun(JsonNode previous, JsonNode current) {
        List<String> changes = changes(previous, current, false);
        if (changes.isEmpty()) {
            return "same inputs as the last result, but that result is no longer in the cache";
        }
        return String.join("; ", cut(changes));
    }

    private static List<String> cut(List<String> changes) {
        if (changes.size() <= MAX_CHANGES) {
            return changes;
        }
        int more = changes.size() - MAX_CHANGES;
        List<String> kept = new ArrayList<>(changes.subList(0, MAX_CHANGES));
        kept.add(more + " more");
        return kept;
    }

    private static List<String> changes(JsonNode previous, JsonNode current, boolean afterDraft) {
        List<String> changes = new ArrayList<>();
        if (!previous.path("version").equals(current.path("version"))) {
            changes.add("node type version " + previous.path("version").asText() + " -> "
                    + current.path("version").asText());
        }
        List<String> billing = billingChanges(previous.path("billing"), current.path("billing"),
                afterDraft);
        changes.addAll(billing);
        for (String name : changedMembers(previous.path("params"), current.path("params"))) {
            if (!billing.isEmpty() && BILLING_PARAMS.contains(name)) {
                continue;
            }
            changes.add("param " + name + " " + valueChange(previous.path("params").path(name),
                    current.path("params").path(name)));
        }
        for (String port : changedMembers(previous.path("inputs"), current.path("inputs"))) {
            changes.add("input " + port + " changed");
        }
        if (!previous.path("extras").equals(current.path("extras"))) {
            changes.add("a referenced file changed");
        }
        return changes;
    }

    private static List<String> billingChanges(JsonNode previous, JsonNode current,
            boolean afterDraft) {
        List<String> changes = new ArrayList<>();
        List<String> fields = afterDraft ? List.of() : List.of("provider", "model", "versionPin");
        for (String field : fields) {
            if (!previous.path(field).equals(current.path(field))) {
                changes.add(field + " " + valueChange(previous.path(field), current.path(field)));
            }
        }
        if (!previous.path("variation").equals(current.path("variation"))) {
            // A re-roll is a deliberate, paid act, so it leads the list and is never cut.
            changes.add(0, "re-roll: variation " + valueChange(previous.path("variation"),
                    current.path("variation")));
        }
        return changes;
    }

    private static List<String> changedMembers(JsonNode previous, JsonNode current) {
        TreeSet<String> names = new TreeSet<>();
        addNames(previous, names);
        addNames(current, names);
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            if (!previous.path(name).equals(current.path(name))) {
                changed.add(name);
            }
        }
        return changed;
    }

    private static void addNames(JsonNode object, TreeSet<String> names) {
        Iterator<String> fieldNames = object.fieldNames();
        fieldNames.forEachRemaining(names::add);
    }

    private static String valueChange(JsonNode before, JsonNode after) {
        return show(before) + " -> " + show(after);
    }

    private static String show(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "(unset)";
        }
        String text = value.isTextual() ? "\"" + value.asText() + "\"" : value.toString();
        return Texts.shorten(text.replace('\n', ' '));
    }
}

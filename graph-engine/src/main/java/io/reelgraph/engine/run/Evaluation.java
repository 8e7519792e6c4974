package io.reelgraph.engine.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.artifact.Item;
import io.reelgraph.engine.artifact.PortValue;
import io.reelgraph.engine.cache.CacheException;
import io.reelgraph.engine.cache.CacheKey;
import io.reelgraph.engine.cache.CachedResult;
import io.reelgraph.engine.cache.HistoryEntry;
import io.reelgraph.engine.graph.Connection;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.type.Cardinality;
import io.reelgraph.engine.type.KeyMaterial;
import io.reelgraph.engine.type.NodeException;
import io.reelgraph.engine.type.NodeType;
import io.reelgraph.engine.type.OutputFile;
import io.reelgraph.engine.type.PortSpec;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.engine.type.WorkOutput;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the nodes of one graph against the state a session kept from earlier evaluations.
 * A node is evaluated again only when it changed, an input value changed or one of its work
 * items is still open, so re-planning an unchanged graph computes nothing.
 *
 * <p>Free work items run inline on the calling thread; paid items are handed to a
 * {@link Scheduler} in a run and only classified while planning. Not thread-safe: one thread
 * drives an evaluation.
 */
final class Evaluation {

    private static final Logger LOG = LoggerFactory.getLogger(Evaluation.class);

    /** The receiver of each paid work item whose result is not cached. */
    interface PaidSink {
        void ready(WorkItem item, NodeType type, ItemInput input);
    }

    private final Graph graph;
    private final SessionState session;
    private final Engine engine;
    private final EvaluationContext context;
    private final List<NodeId> order;
    private final List<CachedResult> uncommitted = new ArrayList<>();
    private final List<HistoryEntry> history = new ArrayList<>();
    private PaidSink paidSink = (item, type, input) -> {
    };
    private RunListener listener = RunListener.NONE;

    Evaluation(Graph graph, SessionState session, Engine engine, EvaluationContext context) {
        this.graph = graph;
        this.session = session;
        this.engine = engine;
        this.context = context;
        this.order = session.order(graph);
    }

    void onPaidReady(PaidSink sink) {
        this.paidSink = sink;
    }

    void listener(RunListener runListener) {
        this.listener = runListener;
    }

    List<NodeId> order() {
        return order;
    }

    /** Evaluates every node that needs it, in topological order, then commits free results. */
    void pass() {
        session.retainOnly(graph);
        session.open.clear();
        for (NodeId id : order) {
            evaluateIfNeeded(id);
        }
        flush();
    }

    /**
     * Evaluates only what can have changed since the last pass over a graph of the same shape:
     * the replaced nodes, the nodes left open, and the successors of every node whose output
     * changed, in topological order. Every other node would be found unchanged by a full pass.
     */
    void passFrom(Set<NodeId> replaced) {
        java.util.PriorityQueue<Integer> queue = new java.util.PriorityQueue<>();
        java.util.BitSet queued = new java.util.BitSet(order.size());
        for (NodeId id : replaced) {
            enqueue(queue, queued, id);
        }
        for (NodeId id : List.copyOf(session.open)) {
            enqueue(queue, queued, id);
        }
        while (!queue.isEmpty()) {
            NodeId id = order.get(queue.poll());
            NodeState before = session.states.get(id);
            long version = before == null ? -1 : before.version;
            evaluateIfNeeded(id);
            NodeState after = session.states.get(id);
            if (after != before || after.version != version) {
                for (NodeId successor : session.successors(id)) {
                    enqueue(queue, queued, successor);
                }
            }
        }
        flush();
    }

    private void enqueue(java.util.PriorityQueue<Integer> queue, java.util.BitSet queued,
            NodeId id) {
        int position = session.position(id);
        if (!queued.get(position)) {
            queued.set(position);
            queue.add(position);
        }
    }

    /** Re-evaluates a node whose work item changed state, and everything downstream of it. */
    void itemChanged(WorkItem item) {
        NodeState state = session.states.get(item.node);
        if (state != null) {
            rebuildOutputs(state);
        }
        pass();
    }

    List<PlannedItem> snapshot() {
        List<PlannedItem> items = new ArrayList<>();
        for (NodeId id : order) {
            NodeState state = session.states.get(id);
            if (state != null) {
                items.addAll(plannedItems(state));
            }
        }
        return items;
    }

    private List<PlannedItem> plannedItems(NodeState state) {
        if (state.snapshot == null) {
            state.snapshot = state.shapeKnown
                    ? state.items.values().stream().map(WorkItem::snapshot).toList()
                    : List.of(unknownItems(state));
        }
        return state.snapshot;
    }

    /** Writes every node's planned items in the session's plan book and returns the plan. */
    Plan planAll() {
        session.book.reset(order.size());
        session.stale.clear();
        for (int position = 0; position < order.size(); position++) {
            NodeState state = session.states.get(order.get(position));
            if (state != null) {
                session.book.put(position, state.node.id(), plannedItems(state));
            }
        }
        return session.book.plan();
    }

    /**
     * Rewrites the planned items of the nodes that changed since the book's last plan, which
     * was made for a graph of this shape, and returns the plan; the previous plan if none did.
     */
    Plan planChanged(Plan previous) {
        if (session.stale.isEmpty()) {
            return previous;
        }
        for (NodeId id : session.stale) {
            NodeState state = session.states.get(id);
            if (state != null) {
                session.book.put(session.position(id), id, plannedItems(state));
            }
        }
        session.stale.clear();
        return session.book.plan();
    }

    /** Forgets the planned items kept per node, after item states changed outside evaluate. */
    void invalidateSnapshots() {
        session.states.values().forEach(state -> state.snapshot = null);
        session.stale.addAll(session.states.keySet());
    }

    List<WorkItem> workItems() {
        List<WorkItem> items = new ArrayList<>();
        for (NodeId id : order) {
            NodeState state = session.states.get(id);
            if (state != null) {
                items.addAll(state.items.values());
            }
        }
        return items;
    }

    private PlannedItem unknownItems(NodeState state) {
        return new PlannedItem(state.node.id(), state.type.id(), "*", 0,
                ItemState.BLOCKED_ON_UPSTREAM, state.type.paid(), Optional.empty(),
                Optional.empty(), BigDecimal.ZERO,
                "work items are known once " + state.waitingFor + " has run; cost not projected",
                Optional.empty(), Optional.empty());
    }

    private void evaluateIfNeeded(NodeId id) {
        Node node = graph.requireNode(id);
        NodeState state = session.states.get(id);
        if (state == null || (state.node != node && !state.node.equals(node))) {
            NodeType type = engine.types().find(node.type()).orElseThrow(() ->
                    new IllegalArgumentException("Node " + id + " has unknown type "
                            + node.type() + "; validate the graph before evaluating it"));
            state = new NodeState(node, type, context.params().resolve(node, type));
            session.states.put(id, state);
        } else if (!needsEvaluation(state)) {
            return;
        }
        evaluate(state);
    }

    private boolean needsEvaluation(NodeState state) {
        if (!state.shapeKnown || state.forceEvaluation) {
            return true;
        }
        NodeId[] predecessors = session.predecessors(state.node.id());
        if (state.seen.size() != predecessors.length) {
            return true;
        }
        for (NodeId predecessor : predecessors) {
            NodeState upstream = session.states.get(predecessor);
            Long seen = state.seen.get(predecessor);
            if (upstream == null || seen == null || seen != upstream.version) {
                return true;
            }
        }
        for (WorkItem item : state.items.values()) {
            if (!item.settled()) {
                return true;
            }
        }
        return false;
    }

    private void evaluate(NodeState state) {
        NodeId id = state.node.id();
        state.forceEvaluation = false;
        Map<String, PortView> views = inputViews(id);
        state.mapped = false;
        List<String> mappedPorts = new ArrayList<>();
        for (PortSpec spec : state.type.inputs()) {
            PortView view = views.get(spec.name());
            if (view != null && spec.cardinality() == Cardinality.ONE && view.list()) {
                mappedPorts.add(spec.name());
                state.mapped = true;
            }
        }
        state.seen = new HashMap<>();
        for (NodeId predecessor : session.predecessors(id)) {
            state.seen.put(predecessor, session.states.get(predecessor).version);
        }

        Optional<String> unknownShape = mappedPorts.stream()
                .filter(port -> !views.get(port).shapeKnown())
                .findFirst();
        if (unknownShape.isPresent()) {
            state.shapeKnown = false;
            state.waitingFor = upstreamOf(id, unknownShape.get()).toString();
            state.items = new LinkedHashMap<>();
            rebuildOutputs(state);
            session.open.add(id);
            return;
        }
        state.shapeKnown = true;

        List<String> keys = mappedPorts.isEmpty()
                ? List.of(PortValue.SINGLE_KEY)
                : views.get(mappedPorts.get(0)).slots().stream().map(Slot::key).toList();
        Map<String, WorkItem> items = new LinkedHashMap<>();
        for (int index = 0; index < keys.size(); index++) {
            String key = keys.get(index);
            if (items.containsKey(key)) {
                continue;
            }
            items.put(key, workItem(state, views, key, index));
        }
        state.items = items;
        rebuildOutputs(state);
        if (items.values().stream().allMatch(WorkItem::settled)) {
            session.open.remove(id);
        } else {
            session.open.add(id);
        }
    }

    private NodeId upstreamOf(NodeId id, String port) {
        for (Connection connection : graph.incoming(id)) {
            if (connection.to().port().equals(port)) {
                return connection.from().node();
            }
        }
        return id;
    }

    private Map<String, PortView> inputViews(NodeId id) {
        Map<String, PortView> views = new HashMap<>();
        for (Connection connection : graph.incoming(id)) {
            NodeState upstream = session.states.get(connection.from().node());
            PortView view = upstream == null ? null : upstream.outputs.get(connection.from().port());
            if (view == null) {
                view = new PortView(false, true, List.of(Slot.failed(PortValue.SINGLE_KEY,
                        "node " + connection.from().node() + " has no output port '"
                                + connection.from().port() + "'")));
            }
            // Several connections into one list input join into one list, in connection order.
            views.merge(connection.to().port(), view, (earlier, later) -> new PortView(true,
                    earlier.shapeKnown() && later.shapeKnown(),
                    java.util.stream.Stream.concat(earlier.slots().stream(),
                            later.slots().stream()).toList()));
        }
        return views;
    }

    private WorkItem workItem(NodeState state, Map<String, PortView> views, String key, int index) {
        SortedMap<String, PortValue> values = new TreeMap<>();
        Set<String> pending = new TreeSet<>();
        Optional<String> failure = Optional.empty();
        boolean draft = false;
        StringBuilder signature = new StringBuilder(key);
        for (PortSpec spec : state.type.inputs()) {
            PortView view = views.get(spec.name());
            if (view == null) {
                continue;
            }
            List<Slot> slots = slotsFor(spec, view, key);
            signature.append('|').append(spec.name()).append(':');
            if (slots.isEmpty() && spec.cardinality() == Cardinality.ONE) {
                failure = failure.or(() -> Optional.of("input '" + spec.name() + "' has no item "
                        + key + " from node " + upstreamOf(state.node.id(), spec.name())));
                continue;
            }
            boolean ready = true;
            for (Slot slot : slots) {
                signature.append(slot.signature()).append(',');
                if (slot.isFailed()) {
                    failure = failure.or(() -> Optional.of("upstream item " + slot.key() + " of node "
                            + upstreamOf(state.node.id(), spec.name()) + " has no result"));
                    ready = false;
                } else if (!slot.isReady()) {
                    pending.add(spec.name());
                    ready = false;
                }
            }
            if (!view.shapeKnown()) {
                pending.add(spec.name());
                ready = false;
            }
            if (ready) {
                List<Item> items = slots.stream()
                        .map(slot -> new Item(slot.key(), slot.artifact().orElseThrow()))
                        .toList();
                draft |= items.stream().anyMatch(item -> item.artifact().draft());
                values.put(spec.name(), spec.cardinality() == Cardinality.LIST
                        ? PortValue.listOf(items) : new PortValue(false, items));
            }
        }

        WorkItem existing = state.items.get(key);
        String inputSignature = signature.toString();
        if (existing != null && existing.inputSignature.equals(inputSignature) && existing.settled()) {
            return existing;
        }
        WorkItem item = new WorkItem(state.node.id(), state.type.id(), key, index,
                state.type.paid(), inputSignature, values, draft);
        ItemInput input = new ItemInput(state.node.id(), key, index, state.params, values, pending,
                context, engine.cache());
        if (failure.isPresent()) {
            item.state = ItemState.SKIPPED;
            item.error = failure;
            item.reason = failure.get();
            listener.onEvent(new RunEvent.Skipped(item.node, item.itemKey, failure.get()));
        } else if (!pending.isEmpty()) {
            block(item, state, input, pending);
        } else {
            resolve(item, state, input);
        }
        return item;
    }

    private static List<Slot> slotsFor(PortSpec spec, PortView view, String key) {
        if (spec.cardinality() == Cardinality.LIST || !view.list()) {
            return view.slots();
        }
        Slot match = null;
        for (Slot slot : view.slots()) {
            if (slot.key().equals(key)) {
                return List.of(slot);
            }
            boolean prefix = key.startsWith(slot.key() + "/");
            if (prefix && (match == null || slot.key().length() > match.key().length())) {
                match = slot;
            }
        }
        return match == null ? List.of() : List.of(match);
    }

    private void block(WorkItem item, NodeState state, ItemInput input, Set<String> pending) {
        item.state = ItemState.BLOCKED_ON_UPSTREAM;
        List<String> upstream = pending.stream()
                .map(port -> upstreamOf(state.node.id(), port).toString())
                .distinct()
                .toList();
        item.reason = "waits for " + String.join(", ", upstream);
        if (state.type.paid()) {
            try {
                item.billing = state.type.prepare(input).billing();
            } catch (NodeException | RuntimeException e) {
                item.reason += "; cost not projected yet: " + e.getMessage();
            }
        }
    }

    private void resolve(WorkItem item, NodeState state, ItemInput input) {
        KeyMaterial material;
        try {
            material = state.type.prepare(input);
        } catch (NodeException e) {
            fail(item, e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.error("Node {} item {} failed while preparing", item.node, item.itemKey, e);
            fail(item, "node type " + state.type.id() + " failed while preparing: " + e);
            return;
        }
        ObjectNode manifest = CacheKeys.manifest(state.type, state.params, item.inputs, material);
        CacheKey key = CacheKeys.key(manifest);
        item.key = Optional.of(key);
        item.manifest = Optional.of(manifest);
        item.billing = material.billing();

        Optional<CachedResult> cached;
        try {
            cached = session.lookup(engine.cache(), key);
        } catch (CacheException e) {
            LOG.error("Cache lookup failed for node {} item {}", item.node, item.itemKey, e);
            fail(item, e.getMessage());
            return;
        }
        if (cached.isPresent()) {
            item.state = ItemState.CACHED;
            item.result = cached;
            item.reason = "cached";
            // A copied project or another graph may have paid for it; remembering it here lets
            // the next change to this item be explained.
            if (item.paid && session.firstSighting(key)) {
                recordHistory(item);
            }
        } else if (!item.paid) {
            executeFree(item, state, input);
        } else {
            item.state = ItemState.WILL_RUN;
            item.reason = whyRun(item);
            paidSink.ready(item, state.type, input);
        }
    }

    private String whyRun(WorkItem item) {
        try {
            ObjectNode manifest = item.manifest.orElseThrow();
            String node = item.node.value();
            var own = engine.cache().history(context.graphId(), node, historyKey(item));
            if (own.isPresent()) {
                return Reasons.whyRun(own.get().manifest(), manifest);
            }
            boolean draft = item.billing.map(billing -> billing.draft()).orElse(false);
            if (!draft) {
                var drafted = engine.cache().history(context.graphId(), node,
                        item.itemKey + " (draft)");
                if (drafted.isPresent()) {
                    return Reasons.whyRunAfterDraft(drafted.get().manifest(), manifest);
                }
            }
            return "new: never run before";
        } catch (CacheException e) {
            LOG.warn("Failed to read the history of node {}: {}", item.node, e.getMessage());
            return "not cached";
        }
    }

    private void executeFree(WorkItem item, NodeState state, ItemInput input) {
        listener.onEvent(new RunEvent.Started(item.node, item.itemKey, false));
        try {
            WorkOutput output = state.type.execute(input, WorkContext.NONE);
            CachedResult result = engine.toResult(item, output);
            session.remember(result);
            uncommitted.add(result);
            item.state = ItemState.EXECUTED;
            item.result = Optional.of(result);
            item.computedHere = true;
            item.reason = "free; computed now";
            listener.onEvent(new RunEvent.Done(item.node, item.itemKey, false, Optional.empty()));
        } catch (NodeException e) {
            fail(item, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            item.state = ItemState.CANCELLED;
            item.reason = "cancelled";
        } catch (Exception e) {
            LOG.error("Node {} item {} failed", item.node, item.itemKey, e);
            fail(item, "node type " + state.type.id() + " failed: " + e);
        }
    }

    private void fail(WorkItem item, String message) {
        item.state = ItemState.FAILED;
        item.error = Optional.of(message);
        item.reason = message;
        listener.onEvent(new RunEvent.Failed(item.node, item.itemKey, message));
    }

    /** Records that a paid item finished, so its history explains the next change. */
    void recordHistory(WorkItem item) {
        if (item.key.isPresent() && item.manifest.isPresent()) {
            history.add(new HistoryEntry(context.graphId(), item.node.value(), historyKey(item),
                    item.key.get(), item.manifest.get()));
        }
    }

    /**
     * Returns the key under which an item's history is kept. Draft results are kept apart, so
     * that a real plan explains itself against the last real result, not the last draft.
     */
    private static String historyKey(WorkItem item) {
        return item.billing.map(billing -> billing.draft()).orElse(false)
                ? item.itemKey + " (draft)" : item.itemKey;
    }

    /** Commits the free results computed since the last flush, and the recorded history. */
    void flush() {
        if (!uncommitted.isEmpty()) {
            engine.cache().commitAll(List.copyOf(uncommitted));
            uncommitted.clear();
        }
        if (!history.isEmpty()) {
            engine.cache().recordHistory(List.copyOf(history));
            history.clear();
        }
    }

    private void rebuildOutputs(NodeState state) {
        state.snapshot = null;
        session.stale.add(state.node.id());
        session.unsettled.add(state);
        Map<String, PortView> outputs = new HashMap<>();
        StringBuilder signature = new StringBuilder();
        for (PortSpec spec : state.type.outputs()) {
            boolean list = spec.cardinality() == Cardinality.LIST || state.mapped;
            PortView view = state.shapeKnown ? outputView(state, spec, list) : PortView.unknown(list);
            outputs.put(spec.name(), view);
            signature.append(spec.name()).append('=').append(view.signature()).append(';');
        }
        state.outputs = outputs;
        String text = signature.toString();
        if (!text.equals(state.outputSignature)) {
            state.outputSignature = text;
            state.version = session.nextVersion();
        }
    }

    private static PortView outputView(NodeState state, PortSpec spec, boolean list) {
        List<Slot> slots = new ArrayList<>();
        boolean shapeKnown = true;
        for (WorkItem item : state.items.values()) {
            if (item.result.isPresent() && item.state.hasResult()) {
                PortValue value = item.result.get().outputs().get(spec.name());
                if (value == null) {
                    slots.add(Slot.failed(item.itemKey, "node " + item.node + " made no value on '"
                            + spec.name() + "'"));
                } else if (spec.cardinality() == Cardinality.ONE) {
                    slots.add(Slot.ready(item.itemKey, value.items().get(0).artifact()));
                } else {
                    for (Item element : value.items()) {
                        String key = state.mapped ? item.itemKey + "/" + element.key() : element.key();
                        slots.add(Slot.ready(key, element.artifact()));
                    }
                }
            } else if (item.state == ItemState.FAILED || item.state == ItemState.SKIPPED) {
                slots.add(Slot.failed(item.itemKey, item.error.orElse(item.state.name())));
            } else if (spec.cardinality() == Cardinality.ONE) {
                slots.add(Slot.pending(item.itemKey));
            } else {
                shapeKnown = false;
            }
        }
        return shapeKnown ? new PortView(list, true, slots) : PortView.unknown(list);
    }

    /** Returns the output files of every item with a result, in node and item order. */
    List<OutputFile> outputFiles() {
        List<OutputFile> files = new ArrayList<>();
        for (WorkItem item : workItems()) {
            if (item.state.hasResult() && item.result.isPresent()) {
                files.addAll(item.result.get().files());
            }
        }
        return files;
    }
}

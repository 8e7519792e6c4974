package io.reelgraph.engine.run;

import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.artifact.Item;
import io.reelgraph.engine.artifact.PortValue;
import io.reelgraph.engine.cache.CacheKey;
import io.reelgraph.engine.cache.CachedResult;
import io.reelgraph.engine.cache.ResultCache;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.journal.JobJournal;
import io.reelgraph.engine.money.SpendGuard;
import io.reelgraph.engine.type.Billing;
import io.reelgraph.engine.type.NodeTypeRegistry;
import io.reelgraph.engine.type.OutputFile;
import io.reelgraph.engine.type.WorkOutput;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dataflow engine: plans and runs graphs against one result cache. Identical cache keys in
 * flight at the same time, in one run or in several runs of this engine, produce one execution.
 * Thread-safe; each {@link Session} is driven by one thread at a time.
 */
public final class Engine {

    private final NodeTypeRegistry types;
    private final ResultCache cache;
    private final Optional<JobJournal> journal;
    private final Optional<SpendGuard> guard;
    private final ConcurrentHashMap<CacheKey, CompletableFuture<CachedResult>> inFlight =
            new ConcurrentHashMap<>();

    public Engine(NodeTypeRegistry types, ResultCache cache) {
        this(types, cache, Optional.empty(), Optional.empty());
    }

    /**
     * Creates an engine whose paid work items reach their job journal entry through
     * {@link io.reelgraph.engine.type.WorkContext#job()}, so async provider jobs survive a
     * restart without being submitted twice.
     */
    public Engine(NodeTypeRegistry types, ResultCache cache, JobJournal journal) {
        this(types, cache, Optional.of(journal), Optional.empty());
    }

    /**
     * Creates an engine with an optional job journal and an optional spend guard. With a guard,
     * every paid call that is not a draft reserves its projected cost before it is sent, is
     * settled or released after, and is not sent when the guard refuses the reservation.
     */
    public Engine(NodeTypeRegistry types, ResultCache cache, Optional<JobJournal> journal,
            Optional<SpendGuard> guard) {
        this.types = types;
        this.cache = cache;
        this.journal = journal;
        this.guard = guard;
    }

    public NodeTypeRegistry types() {
        return types;
    }

    public ResultCache cache() {
        return cache;
    }

    public Optional<JobJournal> journal() {
        return journal;
    }

    public Optional<SpendGuard> guard() {
        return guard;
    }

    /** Opens a session that remembers node states between evaluations of one graph. */
    public Session session(EvaluationContext context) {
        return new Session(this, context);
    }

    /** Plans a graph in a new session. */
    public Plan plan(Graph graph, EvaluationContext context) {
        return session(context).plan(graph);
    }

    ConcurrentHashMap<CacheKey, CompletableFuture<CachedResult>> inFlight() {
        return inFlight;
    }

    /**
     * Turns a work item's output into a cache row. A result made from draft inputs, or by the
     * draft provider, is marked as a draft, and so is every artifact in it.
     */
    CachedResult toResult(WorkItem item, WorkOutput output) {
        boolean draft = item.inputsDraft || item.billing.map(Billing::draft).orElse(false);
        draft |= output.singles().values().stream().anyMatch(Artifact::draft);
        draft |= output.lists().values().stream()
                .anyMatch(items -> items.stream().anyMatch(element -> element.artifact().draft()));
        Map<String, PortValue> outputs = new LinkedHashMap<>();
        for (Map.Entry<String, Artifact> single : output.singles().entrySet()) {
            outputs.put(single.getKey(), PortValue.single(mark(single.getValue(), draft)));
        }
        for (Map.Entry<String, List<Item>> list : output.lists().entrySet()) {
            List<Item> items = new ArrayList<>();
            for (Item element : list.getValue()) {
                items.add(new Item(element.key(), mark(element.artifact(), draft)));
            }
            outputs.put(list.getKey(), PortValue.listOf(items));
        }
        List<OutputFile> files = new ArrayList<>();
        for (OutputFile file : output.files()) {
            files.add(new OutputFile(file.relativePath(), mark(file.content(), draft)));
        }
        Optional<Billing> billing = item.billing;
        return new CachedResult(item.key.orElseThrow(), item.nodeType,
                item.manifest.orElseThrow().path("version").asInt(), outputs, files,
                billing.map(Billing::provider), billing.map(Billing::model), draft,
                billing.map(Billing::projectedUsd).orElse(BigDecimal.ZERO), output.actualUsd(),
                output.providerRequestId(), Instant.now(), item.manifest.get());
    }

    private static Artifact mark(Artifact artifact, boolean draft) {
        return draft ? artifact.asDraft() : artifact;
    }
}

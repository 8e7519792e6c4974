package io.reelgraph.engine.run;

import static io.reelgraph.engine.testing.GraphBuilder.graph;
import static io.reelgraph.engine.testing.GraphBuilder.withParam;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.cache.H2ResultCache;
import io.reelgraph.engine.cache.InMemoryResultCache;
import io.reelgraph.engine.cache.ResultCache;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.testing.TestContexts;
import io.reelgraph.engine.testing.TestTypes;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTest {

    @TempDir
    Path temp;

    private TestTypes types;
    private ResultCache cache;
    private Engine engine;

    @BeforeEach
    void setUp() {
        types = new TestTypes();
        cache = new InMemoryResultCache();
        engine = new Engine(types.registry(), cache);
    }

    /** source -> upper (per item) -> paid generate (per item) -> collect (whole list). */
    private static Graph film(String items) {
        return graph("film")
                .node("src", "test.source", "items", items)
                .node("up", "test.upper")
                .node("gen", "test.generate")
                .node("col", "test.collect")
                .connect("src.items", "up.text")
                .connect("up.text", "gen.prompt")
                .connect("gen.image", "col.parts")
                .build();
    }

    private Session session() {
        return engine.session(TestContexts.context(temp.resolve("out")));
    }

    private RunResult run(Graph graph) {
        return session().run(graph, RunOptions.DEFAULT, RunListener.NONE, new RunControl());
    }

    private static List<PlannedItem> itemsOf(List<PlannedItem> items, String node) {
        return items.stream().filter(item -> item.node().equals(NodeId.of(node))).toList();
    }

    @Nested
    class Planning {

        @Test
        void freshPlanRunsFreeItemsAndProjectsPaidOnes() {
            Plan plan = session().plan(film("a,b,c"));

            assertThat(itemsOf(plan.items(), "up")).extracting(PlannedItem::state)
                    .containsOnly(ItemState.EXECUTED);
            assertThat(itemsOf(plan.items(), "gen")).extracting(PlannedItem::state)
                    .containsExactly(ItemState.WILL_RUN, ItemState.WILL_RUN, ItemState.WILL_RUN);
            assertThat(itemsOf(plan.items(), "gen")).extracting(PlannedItem::itemKey)
                    .containsExactly("item-1", "item-2", "item-3");
            assertThat(itemsOf(plan.items(), "gen").get(0).reason()).isEqualTo("new: never run before");
            assertThat(itemsOf(plan.items(), "col")).extracting(PlannedItem::state)
                    .containsExactly(ItemState.BLOCKED_ON_UPSTREAM);
            assertThat(plan.projection().totalUsd()).isEqualByComparingTo("0.12");
            assertThat(plan.projection().byProvider()).containsOnlyKeys("test");
            assertThat(types.generate.calls).isEmpty();
        }

        @Test
        void planningTwiceComputesNothingTheSecondTime() {
            Session session = session();
            Graph graph = film("a,b,c");
            session.plan(graph);
            int upper = types.upper.executions.get();

            Plan again = session.plan(graph);

            assertThat(types.upper.executions.get()).isEqualTo(upper);
            assertThat(itemsOf(again.items(), "up")).extracting(PlannedItem::state)
                    .containsOnly(ItemState.CACHED);
        }

        @Test
        void blockedPaidItemStillHasProjectedCost() {
            Graph chained = graph("chain")
                    .node("src", "test.source", "items", "a")
                    .node("first", "test.generate")
                    .node("second", "test.generate", "model", "m2")
                    .connect("src.items", "first.prompt")
                    .connect("first.image", "second.prompt")
                    .build();

            Plan plan = session().plan(chained);

            PlannedItem second = itemsOf(plan.items(), "second").get(0);
            assertThat(second.state()).isEqualTo(ItemState.BLOCKED_ON_UPSTREAM);
            assertThat(second.reason()).isEqualTo("waits for first");
            assertThat(second.projectedUsd()).isEqualByComparingTo("0.04");
            assertThat(plan.projection().totalUsd()).isEqualByComparingTo("0.08");
        }
    }

    @Nested
    class Caching {

        @Test
        void secondRunExecutesNothing() {
            RunResult first = run(film("a,b,c"));
            RunResult second = run(film("a,b,c"));

            assertThat(first.executed()).isEqualTo(first.total());
            assertThat(first.failed()).isZero();
            assertThat(second.executed()).isZero();
            assertThat(second.cached()).isEqualTo(second.total());
            assertThat(types.generate.calls).hasSize(3);
            assertThat(second.actualUsd()).isEqualByComparingTo("0");
        }

        @Test
        void editingOneItemRegeneratesThatItemOnly() {
            run(film("a,b,c"));
            types.generate.calls.clear();

            RunResult edited = run(film("a,B2,c"));

            assertThat(types.generate.calls).containsExactly("B2");
            assertThat(itemsOf(edited.items(), "gen")).extracting(PlannedItem::state)
                    .containsExactly(ItemState.CACHED, ItemState.EXECUTED, ItemState.CACHED);
            assertThat(itemsOf(edited.items(), "col")).extracting(PlannedItem::state)
                    .containsExactly(ItemState.EXECUTED);
        }

        @Test
        void sameUpstreamContentLeavesDownstreamCached() {
            run(film("a,b,c"));
            types.generate.calls.clear();

            // "B" upper-cases to the same text as "b", so the paid item keeps its key.
            RunResult result = run(film("a,B,c"));

            assertThat(types.generate.calls).isEmpty();
            assertThat(itemsOf(result.items(), "up").get(1).state()).isEqualTo(ItemState.EXECUTED);
            assertThat(itemsOf(result.items(), "gen")).extracting(PlannedItem::state)
                    .containsOnly(ItemState.CACHED);
        }

        @Test
        void layoutAndDisplayOnlyParamsChangeNoCacheKey() {
            Graph graph = film("a,b");
            List<PlannedItem> before = session().plan(graph).items();
            ObjectNode layout = JsonNodeFactory.instance.objectNode()
                    .put("x", 900).put("y", -40).put("title", "Renamed").put("note", "moved");
            Graph moved = withParam(graph.withLayout(NodeId.of("gen"), layout)
                    .withLayout(NodeId.of("up"), layout), "up", "note", "display only");

            List<PlannedItem> after = session().plan(moved).items();

            assertThat(after).extracting(PlannedItem::key)
                    .containsExactlyElementsOf(before.stream().map(PlannedItem::key).toList());
        }

        @Test
        void reRollIsProjectedWithItsReason() {
            run(film("a,b"));

            Plan plan = session().plan(withParam(film("a,b"), "gen", "variation", 1));

            List<PlannedItem> generated = itemsOf(plan.items(), "gen");
            assertThat(generated).extracting(PlannedItem::state).containsOnly(ItemState.WILL_RUN);
            assertThat(generated.get(0).reason()).isEqualTo("re-roll: variation 0 -> 1");
            assertThat(plan.projection().totalUsd()).isEqualByComparingTo("0.08");
        }

        @Test
        void realPlanAfterDraftExplainsAgainstTheDraft() {
            engine.session(TestContexts.draftContext(temp.resolve("draft")))
                    .run(film("a"), RunOptions.DEFAULT, RunListener.NONE, new RunControl());

            Plan same = session().plan(film("a"));
            Plan reRoll = session().plan(withParam(film("a"), "gen", "variation", 1));

            assertThat(itemsOf(same.items(), "gen").get(0).reason())
                    .isEqualTo("first real run; only a draft was made");
            assertThat(itemsOf(reRoll.items(), "gen").get(0).reason())
                    .isEqualTo("re-roll: variation 0 -> 1; first real run; only a draft was made");
        }

        @Test
        void changedParamIsNamedInTheReason() {
            run(film("a"));

            Plan plan = session().plan(withParam(film("a"), "gen", "model", "m9"));

            assertThat(itemsOf(plan.items(), "gen").get(0).reason())
                    .isEqualTo("model \"m1\" -> \"m9\"");
        }

        @Test
        void draftResultsAreCachedApartFromRealOnes() {
            run(film("a"));
            types.generate.calls.clear();

            Session draft = engine.session(TestContexts.draftContext(temp.resolve("draft")));
            RunResult result = draft.run(film("a"), RunOptions.DEFAULT, RunListener.NONE,
                    new RunControl());

            assertThat(types.generate.calls).containsExactly("A");
            assertThat(result.draft()).isTrue();
            assertThat(result.actualUsd()).isEqualByComparingTo("0.03");
            assertThat(itemsOf(result.items(), "gen").get(0).provider()).isEqualTo("draft");
        }

        @Test
        void resultsSurviveReopeningTheDatabase() throws Exception {
            Path folder = temp.resolve("cache");
            try (H2ResultCache h2 = H2ResultCache.open(folder)) {
                Engine durable = new Engine(types.registry(), h2);
                durable.session(TestContexts.context(temp.resolve("o1")))
                        .run(film("a,b"), RunOptions.DEFAULT, RunListener.NONE, new RunControl());
            }
            types.generate.calls.clear();

            try (H2ResultCache reopened = H2ResultCache.open(folder)) {
                Engine durable = new Engine(types.registry(), reopened);
                RunResult again = durable.session(TestContexts.context(temp.resolve("o2")))
                        .run(film("a,b"), RunOptions.DEFAULT, RunListener.NONE, new RunControl());

                assertThat(again.executed()).isZero();
                assertThat(types.generate.calls).isEmpty();
                assertThat(Files.readString(temp.resolve("o2/joined.txt")))
                        .isEqualTo("item-1=gen(A)#0\nitem-2=gen(B)#0\n");
            }
        }
    }

    @Nested
    class Running {

        @Test
        void runWritesOutputFiles() throws Exception {
            RunResult result = run(film("x,y"));

            Path joined = temp.resolve("out/joined.txt").toAbsolutePath();
            assertThat(result.outputs()).containsExactly(joined);
            assertThat(Files.readString(joined)).isEqualTo("item-1=gen(X)#0\nitem-2=gen(Y)#0\n");
            assertThat(result.actualUsd()).isEqualByComparingTo("0.06");
            PlannedItem generated = itemsOf(result.items(), "gen").get(0);
            assertThat(generated.projectedUsd()).isEqualByComparingTo("0.04");
            assertThat(generated.actualUsd()).hasValueSatisfying(
                    actual -> assertThat(actual).isEqualByComparingTo("0.03"));
        }

        @Test
        void listInputJoinsSeveralConnections() throws Exception {
            Graph graph = graph("two sources")
                    .node("a", "test.source", "items", "x,y")
                    .node("b", "test.source", "items", "z")
                    .node("col", "test.collect")
                    .connect("a.items", "col.parts")
                    .connect("b.items", "col.parts")
                    .build();

            run(graph);

            assertThat(Files.readString(temp.resolve("out/joined.txt")))
                    .isEqualTo("item-1=x\nitem-2=y\nitem-1=z\n");
        }

        @Test
        void providerConcurrencyLimitHolds() {
            types.generate.holdMillis = 20;
            StringBuilder items = new StringBuilder("p0");
            for (int i = 1; i < 24; i++) {
                items.append(",p").append(i);
            }

            RunResult result = session().run(film(items.toString()),
                    RunOptions.DEFAULT.withConcurrency("test", 3), RunListener.NONE,
                    new RunControl());

            assertThat(result.failed()).isZero();
            assertThat(types.generate.calls).hasSize(24);
            assertThat(types.generate.peak.get()).isEqualTo(3);
        }

        @Test
        void identicalKeysInFlightRunOnce() {
            Graph twins = graph("twins")
                    .node("src", "test.source", "items", "same,same,same")
                    .node("a", "test.generate")
                    .node("b", "test.generate")
                    .connect("src.items", "a.prompt")
                    .connect("src.items", "b.prompt")
                    .build();

            RunResult result = run(twins);

            assertThat(types.generate.calls).containsExactly("same");
            assertThat(result.executed() + result.cached()).isEqualTo(result.total());
            assertThat(result.actualUsd()).isEqualByComparingTo("0.03");
        }

        @Test
        void failureSkipsItsDownstreamAndSparesOtherBranches() {
            Graph graph = graph("branches")
                    .node("src", "test.source", "items", "ok,FAIL,fine")
                    .node("gen", "test.generate")
                    .node("up", "test.upper")
                    .node("col", "test.collect")
                    .connect("src.items", "gen.prompt")
                    .connect("gen.image", "up.text")
                    .connect("src.items", "col.parts")
                    .build();

            RunResult result = run(graph);

            assertThat(itemsOf(result.items(), "gen")).extracting(PlannedItem::state)
                    .containsExactly(ItemState.EXECUTED, ItemState.FAILED, ItemState.EXECUTED);
            assertThat(itemsOf(result.items(), "gen").get(1).error())
                    .contains("Provider rejected prompt \"FAIL\"");
            assertThat(itemsOf(result.items(), "up")).extracting(PlannedItem::state)
                    .containsExactly(ItemState.EXECUTED, ItemState.SKIPPED, ItemState.EXECUTED);
            assertThat(itemsOf(result.items(), "col")).extracting(PlannedItem::state)
                    .containsExactly(ItemState.EXECUTED);
            assertThat(result.failed()).isEqualTo(1);
        }

        @Test
        void stopOnFirstFailureCancelsTheRest() {
            types.generate.holdMillis = 30;
            RunResult result = session().run(film("FAIL,b,c,d,e,f,g,h"),
                    RunOptions.DEFAULT.withConcurrency("test", 1).withStopOnFirstFailure(true),
                    RunListener.NONE, new RunControl());

            assertThat(itemsOf(result.items(), "gen").get(0).state()).isEqualTo(ItemState.FAILED);
            assertThat(itemsOf(result.items(), "gen").subList(1, 8)).extracting(PlannedItem::state)
                    .containsOnly(ItemState.CANCELLED);
            assertThat(types.generate.calls).containsExactly("FAIL");
        }

        @Test
        void cancelKeepsFinishedResults() throws Exception {
            types.generate.permits = new Semaphore(0);
            RunControl control = new RunControl();
            List<RunEvent> events = new CopyOnWriteArrayList<>();
            var executor = Executors.newSingleThreadExecutor();
            try {
                Session session = session();
                Future<RunResult> running = executor.submit(() -> session.run(film("a,b,c,d"),
                        RunOptions.DEFAULT.withConcurrency("test", 1), events::add, control));
                types.generate.permits.release();
                waitFor(() -> types.generate.calls.size() == 2);
                control.cancel();
                RunResult result = running.get(30, TimeUnit.SECONDS);

                assertThat(result.cancelled()).isTrue();
                assertThat(result.outputs()).isEmpty();
                assertThat(itemsOf(result.items(), "gen")).extracting(PlannedItem::state)
                        .containsExactly(ItemState.EXECUTED, ItemState.CANCELLED,
                                ItemState.CANCELLED, ItemState.CANCELLED);
                assertThat(itemsOf(result.items(), "col")).extracting(PlannedItem::state)
                        .containsExactly(ItemState.CANCELLED);
            } finally {
                executor.shutdownNow();
            }
            types.generate.calls.clear();
            types.generate.permits = new Semaphore(Integer.MAX_VALUE);

            RunResult resumed = run(film("a,b,c,d"));

            assertThat(resumed.failed()).isZero();
            assertThat(types.generate.calls).containsExactlyInAnyOrder("B", "C", "D");
        }

        @Test
        void progressEventsArriveInOrderForEachItem() {
            List<RunEvent> events = new ArrayList<>();
            session().run(film("a"), RunOptions.DEFAULT, events::add, new RunControl());

            List<Class<?>> forGen = events.stream()
                    .filter(e -> !(e instanceof RunEvent.Finished))
                    .filter(e -> e.toString().contains("node=gen"))
                    .<Class<?>>map(Object::getClass)
                    .toList();
            assertThat(forGen).containsExactly(RunEvent.Queued.class, RunEvent.Started.class,
                    RunEvent.Progress.class, RunEvent.Done.class);
            assertThat(events.get(events.size() - 1)).isEqualTo(new RunEvent.Finished(4, 4, 0, 0));
        }

        private void waitFor(java.util.function.BooleanSupplier condition) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("condition not met within 20 s");
                }
                Thread.sleep(5);
            }
        }
    }

    /**
     * Re-planning after a node edit visits only what can have changed. Each test compares it
     * with a second session that planned the same graphs, rebuilt so that it cannot tell what
     * changed and has to visit every node.
     */
    @Nested
    class IncrementalPlanning {

        private Graph rebuilt(Graph graph) {
            return Graph.of(graph.name(), graph.description(), graph.parameters(), graph.nodes(),
                    graph.connections(), graph.extra());
        }

        private List<String> summary(Plan plan) {
            return plan.items().stream().map(item -> item.node() + " " + item.itemKey() + " "
                    + item.state() + " " + item.key().map(Object::toString).orElse("-") + " "
                    + item.reason()).toList();
        }

        @Test
        void editedGraphKnowsWhichNodesWereReplaced() {
            Graph base = film("a,b");
            Graph once = base.withParam(NodeId.of("src"), "items",
                    JsonNodeFactory.instance.textNode("a,c"));
            Graph twice = once.withParam(NodeId.of("gen"), "model",
                    JsonNodeFactory.instance.textNode("m2"));

            assertThat(twice.replacedSince(base)).contains(java.util.Set.of(NodeId.of("src"),
                    NodeId.of("gen")));
            assertThat(twice.replacedSince(once)).contains(java.util.Set.of(NodeId.of("gen")));
            assertThat(base.replacedSince(base)).contains(java.util.Set.of());
            assertThat(base.replacedSince(twice)).isEmpty();
            assertThat(rebuilt(twice).replacedSince(base)).isEmpty();
        }

        @Test
        void connectionAndMetadataEditsBreakTheLineage() {
            Graph base = film("a,b");
            Graph renamed = base.withName("other");
            Graph extended = base.withConnection(new io.reelgraph.engine.graph.Connection(
                    new io.reelgraph.engine.graph.PortRef(NodeId.of("src"), "items"),
                    new io.reelgraph.engine.graph.PortRef(NodeId.of("col"), "parts")));

            assertThat(renamed.replacedSince(base)).isEmpty();
            assertThat(extended.replacedSince(base)).isEmpty();
        }

        @Test
        void unchangedGraphReusesPlan() {
            Session session = session();
            Graph graph = film("a,b,c");
            run(graph);
            session.plan(graph);
            Plan second = session.plan(graph);
            int upper = types.upper.executions.get();

            Plan third = session.plan(graph);

            assertThat(third).isSameAs(second);
            assertThat(types.upper.executions.get()).isEqualTo(upper);
        }

        @Test
        void planAfterEditsMatchesAFullPass() {
            Session incremental = session();
            Session full = new Engine(types.registry(), new InMemoryResultCache())
                    .session(TestContexts.context(temp.resolve("full")));
            Graph graph = film("a,b,c");
            incremental.plan(graph);
            full.plan(rebuilt(graph));

            List<Graph> edits = new ArrayList<>();
            graph = graph.withParam(NodeId.of("src"), "items",
                    JsonNodeFactory.instance.textNode("a,b,d"));
            edits.add(graph);
            graph = graph.withParam(NodeId.of("gen"), "model",
                    JsonNodeFactory.instance.textNode("m2"));
            edits.add(graph);
            graph = graph.withParam(NodeId.of("src"), "items",
                    JsonNodeFactory.instance.textNode("a"));
            edits.add(graph);

            for (Graph edited : edits) {
                Plan fast = incremental.plan(edited);
                Plan slow = full.plan(rebuilt(edited));
                assertThat(summary(fast)).isEqualTo(summary(slow));
                assertThat(fast.projection()).isEqualTo(slow.projection());
            }
        }

        @Test
        void cachedElsewhereFoundWithoutEdit() {
            Session planner = session();
            Graph graph = film("a,b");
            Plan before = planner.plan(graph);
            assertThat(itemsOf(before.items(), "gen")).extracting(PlannedItem::state)
                    .containsOnly(ItemState.WILL_RUN);

            run(graph);
            Plan after = planner.plan(graph);

            assertThat(itemsOf(after.items(), "gen")).extracting(PlannedItem::state)
                    .containsOnly(ItemState.CACHED);
            assertThat(after.projection().totalUsd()).isEqualByComparingTo("0");
        }
    }

    @Test
    void projectionSumsByNode() {
        Plan plan = session().plan(film("a,b,c,d"));

        assertThat(plan.projection().forNode(NodeId.of("gen"))).isEqualByComparingTo(new BigDecimal("0.16"));
        assertThat(plan.projection().paidToRun()).isEqualTo(4);
        assertThat(plan.projection().savedUsd()).isEqualByComparingTo("0");
    }
}

package io.reelgraph.engine.run;

import static io.reelgraph.engine.testing.GraphBuilder.graph;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import io.reelgraph.engine.cache.InMemoryResultCache;
import io.reelgraph.engine.cache.CacheKey;
import io.reelgraph.engine.graph.ExposedParam;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.graph.Subgraph;
import io.reelgraph.engine.testing.TestContexts;
import io.reelgraph.engine.testing.TestTypes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grouping nodes into a subgraph is layout only, so the engine plans the same flat graph. */
class SubgraphPlanTest {

    private static final NodeId GROUP = NodeId.of("shots");

    @TempDir
    Path temp;

    private Engine engine;

    @BeforeEach
    void setUp() {
        engine = new Engine(new TestTypes().registry(), new InMemoryResultCache());
    }

    private static Graph film() {
        return graph("film")
                .node("src", "test.source", "items", "a,b,c")
                .node("up", "test.upper")
                .node("gen", "test.generate")
                .node("col", "test.collect")
                .connect("src.items", "up.text")
                .connect("up.text", "gen.prompt")
                .connect("gen.image", "col.parts")
                .build();
    }

    private static Graph grouped(Graph graph) {
        Subgraph subgraph = Subgraph.of(GROUP.value(), "Shots",
                List.of(NodeId.of("up"), NodeId.of("gen"))).withExposed("take",
                ExposedParam.of("gen", "variation"));
        return graph.withSubgraph(subgraph);
    }

    private Map<String, Optional<CacheKey>> keys(Graph graph) {
        Plan plan = engine.session(TestContexts.context(temp.resolve("out"))).plan(graph);
        return plan.items().stream().collect(Collectors.toMap(
                item -> item.node() + "/" + item.itemKey(), PlannedItem::key));
    }

    @Test
    void groupingKeepsEveryCacheKey() {
        Graph flat = film();

        Map<String, Optional<CacheKey>> before = keys(flat);
        Map<String, Optional<CacheKey>> after = keys(grouped(flat));

        assertThat(before).hasSize(8);
        assertThat(after).isEqualTo(before);
    }

    @Test
    void ungroupingKeepsEveryCacheKey() {
        Graph grouped = grouped(film());

        Map<String, Optional<CacheKey>> ungrouped = keys(grouped.withoutSubgraph(GROUP));

        assertThat(ungrouped).isEqualTo(keys(grouped));
        assertThat(grouped.withoutSubgraph(GROUP)).isEqualTo(film());
    }

    @Test
    void exposedParamEditChangesOnlyMemberKeys() {
        Graph grouped = grouped(film());
        Map<String, Optional<CacheKey>> before = keys(grouped);

        Map<String, Optional<CacheKey>> after =
                keys(grouped.withExposedParam(GROUP, "take", IntNode.valueOf(3)));

        List<String> changed = before.keySet().stream()
                .filter(item -> !before.get(item).equals(after.get(item))).sorted().toList();
        assertThat(changed).containsExactly("gen/item-1", "gen/item-2", "gen/item-3");
        assertThat(after.get("gen/item-1")).isPresent();
    }
}

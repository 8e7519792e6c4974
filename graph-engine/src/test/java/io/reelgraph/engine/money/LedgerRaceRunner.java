package io.reelgraph.engine.money;

import static io.reelgraph.engine.testing.GraphBuilder.graph;

import io.reelgraph.engine.cache.H2ResultCache;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.run.Engine;
import io.reelgraph.engine.run.RunControl;
import io.reelgraph.engine.run.RunOptions;
import io.reelgraph.engine.run.RunResult;
import io.reelgraph.engine.testing.TestContexts;
import io.reelgraph.engine.testing.TestTypes;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Runs paid test items under the budget caps of a shared database, as a child process of
 * {@link BudgetTest}. Each call is projected and billed at {@code $0.04}.
 *
 * <p>Usage: {@code LedgerRaceRunner <jdbc url> <blob folder> <item prefix> <item count>}. The
 * last line of standard output is {@code CALLS <sent> FAILED <failed>}.
 */
final class LedgerRaceRunner {

    static final String PROJECT = "race";

    private LedgerRaceRunner() {
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("Usage: LedgerRaceRunner <jdbc url> <blob folder> <item prefix>"
                    + " <item count>");
            System.exit(2);
        }
        TestTypes types = new TestTypes();
        types.generate.actualUsd = new BigDecimal("0.04");
        try (H2ResultCache cache = H2ResultCache.open(args[0], Path.of(args[1]))) {
            SpendGuard guard = new H2Budget(cache.dataSource()).guard(PROJECT, Optional.empty());
            Engine engine = new Engine(types.registry(), cache, Optional.empty(),
                    Optional.of(guard));
            StringJoiner items = new StringJoiner(",");
            for (int i = 1; i <= Integer.parseInt(args[3]); i++) {
                items.add(args[2] + "-" + i);
            }
            Graph graph = graph("race")
                    .node("src", "test.source", "items", items.toString())
                    .node("gen", "test.generate")
                    .connect("src.items", "gen.prompt")
                    .build();
            RunResult result = engine.session(TestContexts.context(Path.of(args[1], "out")))
                    .run(graph, RunOptions.DEFAULT.withConcurrency("test", 10), event -> { },
                            new RunControl());
            System.out.println("CALLS " + types.generate.calls.size() + " FAILED "
                    + result.failed());
        }
    }
}

package io.reelgraph.engine.money;

import static io.reelgraph.engine.testing.GraphBuilder.graph;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelgraph.engine.cache.CacheKey;
import io.reelgraph.engine.cache.H2ResultCache;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.run.Engine;
import io.reelgraph.engine.run.ItemState;
import io.reelgraph.engine.run.PlannedItem;
import io.reelgraph.engine.run.RunControl;
import io.reelgraph.engine.run.RunEvent;
import io.reelgraph.engine.run.RunOptions;
import io.reelgraph.engine.run.RunResult;
import io.reelgraph.engine.testing.TestContexts;
import io.reelgraph.engine.testing.TestTypes;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetTest {

    private static final BigDecimal PRICE = new BigDecimal("0.04");

    @TempDir
    Path temp;

    H2ResultCache cache;
    H2Budget budget;
    TestTypes types;

    @BeforeEach
    void openCache() {
        cache = H2ResultCache.open(temp.resolve("cache"));
        budget = new H2Budget(cache.dataSource());
        types = new TestTypes();
    }

    @AfterEach
    void closeCache() {
        cache.close();
    }

    /** Returns a graph of {@code count} paid items of node {@code gen}, prompted PREFIX-1 .. PREFIX-N. */
    static Graph paidItems(String prefix, int count) {
        StringJoiner items = new StringJoiner(",");
        for (int i = 1; i <= count; i++) {
            items.add(prefix + "-" + i);
        }
        return graph("budget")
                .node("src", "test.source", "items", items.toString())
                .node("gen", "test.generate")
                .connect("src.items", "gen.prompt")
                .build();
    }

    RunResult run(Graph graph, SpendGuard guard, int concurrency,
            io.reelgraph.engine.run.RunListener listener) {
        Engine engine = new Engine(types.registry(), cache, Optional.empty(), Optional.of(guard));
        return engine.session(TestContexts.context(temp.resolve("out")))
                .run(graph, RunOptions.DEFAULT.withConcurrency("test", concurrency), listener,
                        new RunControl());
    }

    static SpendRequest request(String item, BigDecimal projected) {
        return new SpendRequest(NodeId.of("gen"), item, new CacheKey("a".repeat(64)), "test",
                "m1", projected);
    }

    @Nested
    class ProjectionCheck {

        @Test
        void projectionOverMonthlyCapRefusedWithNumbers() throws Exception {
            budget.setCap(new BudgetCap(CapScope.PROJECT_MONTH, "film", new BigDecimal("0.50")));
            SpendGuard guard = budget.guard("film", Optional.empty());
            Reservation spent = guard.reserve(request("item-1", new BigDecimal("0.10")));
            guard.settle(spent, Optional.of(new BigDecimal("0.12")), Optional.empty());
            guard.reserve(request("item-2", new BigDecimal("0.05")));

            assertThatThrownBy(() -> budget.check("film", new BigDecimal("0.40"),
                    Map.of("test", new BigDecimal("0.40")), Optional.empty()))
                    .isInstanceOf(BudgetExceededException.class)
                    .hasMessage("Projected cost $0.40 is above the monthly cap of project film"
                            + " of $0.50 ($0.12 spent, $0.05 reserved, $0.33 left)");
        }

        @Test
        void projectionThatFitsExactlyPasses() throws Exception {
            budget.setCap(new BudgetCap(CapScope.PROJECT_TOTAL, "film", new BigDecimal("0.40")));
            budget.setCap(new BudgetCap(CapScope.PROVIDER_MONTH, "test", new BigDecimal("0.40")));

            budget.check("film", new BigDecimal("0.40"), Map.of("test", new BigDecimal("0.40")),
                    Optional.of(new BigDecimal("0.40")));
        }

        @Test
        void providerCapCountsOnlyThatProvider() {
            budget.setCap(new BudgetCap(CapScope.PROVIDER_MONTH, "fal", new BigDecimal("0.10")));

            assertThatThrownBy(() -> budget.check("film", new BigDecimal("1.00"),
                    Map.of("fal", new BigDecimal("0.20"), "openai", new BigDecimal("0.80")),
                    Optional.empty()))
                    .hasMessage("Projected cost $0.20 is above the monthly cap of provider fal"
                            + " of $0.10 ($0.00 spent, $0.00 reserved, $0.10 left)");
        }

        @Test
        void runCapGivenByCallerApplies() {
            assertThatThrownBy(() -> budget.check("film", new BigDecimal("0.41"), Map.of(),
                    Optional.of(new BigDecimal("0.40"))))
                    .hasMessage("Projected cost $0.41 is above the run cap of $0.40 ($0.00 spent,"
                            + " $0.00 reserved, $0.40 left)");
        }

        @Test
        void monthlyCapIgnoresEarlierMonths() throws Exception {
            Clock november = Clock.fixed(Instant.parse("2026-11-30T23:59:00Z"), ZoneOffset.UTC);
            Clock december = Clock.fixed(Instant.parse("2026-12-01T00:01:00Z"), ZoneOffset.UTC);
            SpendGuard old = new H2Budget(cache.dataSource(), november)
                    .guard("film", Optional.empty());
            old.settle(old.reserve(request("item-1", new BigDecimal("0.30"))), Optional.empty(),
                    Optional.empty());
            H2Budget now = new H2Budget(cache.dataSource(), december);
            now.setCap(new BudgetCap(CapScope.PROJECT_MONTH, "film", new BigDecimal("0.40")));
            now.setCap(new BudgetCap(CapScope.PROJECT_TOTAL, "film", new BigDecimal("0.40")));

            assertThatThrownBy(() -> now.check("film", new BigDecimal("0.20"), Map.of(),
                    Optional.empty()))
                    .hasMessage("Projected cost $0.20 is above the total cap of project film of"
                            + " $0.40 ($0.30 spent, $0.00 reserved, $0.10 left)");
            now.removeCap(CapScope.PROJECT_TOTAL, "film");
            now.check("film", new BigDecimal("0.20"), Map.of(), Optional.empty());
        }
    }

    @Nested
    class Reservations {

        @Test
        void capForTenSendsTenOfSixteen() {
            budget.setCap(new BudgetCap(CapScope.PROJECT_TOTAL, "film", new BigDecimal("0.40")));
            // Every call waits for a permit, so all 16 reservations happen before any call
            // settles at its lower actual cost and frees room under the cap.
            types.generate.permits = new Semaphore(0);
            AtomicInteger refused = new AtomicInteger();
            RunResult result = run(paidItems("shot", 16), budget.guard("film", Optional.empty()),
                    16, event -> {
                        if (event instanceof RunEvent.Failed && refused.incrementAndGet() == 6) {
                            types.generate.permits.release(16);
                        }
                    });

            assertThat(types.generate.calls).hasSize(10);
            assertThat(types.generate.peak.get()).as("calls in flight at once").isEqualTo(10);
            assertThat(result.executed() - 1).as("paid items executed").isEqualTo(10);
            assertThat(result.failed()).isEqualTo(6);
            assertThat(result.failures()).allSatisfy(failed -> assertThat(
                    failed.error().orElseThrow())
                    .isEqualTo("Budget cap reached: the call to test/m1 is projected at $0.04,"
                            + " above the total cap of project film of $0.40 ($0.00 spent, $0.40"
                            + " reserved, $0.00 left); the call was not sent"));
            List<LedgerEntry> rows = budget.entries(Optional.of("film"));
            assertThat(rows).hasSize(10);
            assertThat(rows).extracting(LedgerEntry::status).containsOnly(LedgerStatus.SETTLED);
            assertThat(rows.stream().map(LedgerEntry::countedUsd)
                    .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("0.30");
        }

        @Test
        void runCapCountsOnlyItsOwnRun() {
            types.generate.actualUsd = PRICE;
            run(paidItems("first", 3), budget.guard("film", Optional.empty()), 4, event -> { });

            RunResult second = run(paidItems("second", 3),
                    budget.guard("film", Optional.of(new BigDecimal("0.08"))), 1, event -> { });

            assertThat(types.generate.calls).hasSize(5);
            assertThat(second.failed()).isEqualTo(1);
            assertThat(second.failures().get(0).error().orElseThrow()).isEqualTo("Budget cap"
                    + " reached: the call to test/m1 is projected at $0.04, above the run cap of"
                    + " $0.08 ($0.08 spent, $0.00 reserved, $0.00 left); the call was not sent");
        }

        @Test
        void settleTwiceIsRejected() throws Exception {
            SpendGuard guard = budget.guard("film", Optional.empty());
            Reservation reservation = guard.reserve(request("item-1", PRICE));
            guard.settle(reservation, Optional.empty(), Optional.of("req-1"));

            assertThatThrownBy(() -> guard.release(reservation))
                    .isInstanceOf(BudgetException.class)
                    .hasMessageContaining("is not RESERVED, so it cannot become RELEASED");
            assertThat(budget.entries(Optional.empty()).get(0).providerRequestId())
                    .contains("req-1");
        }
    }

    @Nested
    class Ledger {

        @Test
        void runWritesOneRowPerPaidCall() {
            Graph graph = paidItems("shot", 3);
            run(graph, budget.guard("film", Optional.empty()), 4, event -> { });

            List<LedgerEntry> rows = budget.entries(Optional.of("film"));
            assertThat(rows).hasSize(3);
            assertThat(rows).extracting(LedgerEntry::itemKey)
                    .containsExactlyInAnyOrder("item-1", "item-2", "item-3");
            for (LedgerEntry row : rows) {
                assertThat(row.status()).isEqualTo(LedgerStatus.SETTLED);
                assertThat(row.project()).isEqualTo("film");
                assertThat(row.provider()).isEqualTo("test");
                assertThat(row.model()).isEqualTo("m1");
                assertThat(row.nodeId()).isEqualTo("gen");
                assertThat(row.keyAlias()).isEmpty();
                assertThat(row.projectedUsd()).isEqualByComparingTo("0.04");
                assertThat(row.actualUsd()).hasValueSatisfying(
                        actual -> assertThat(actual).isEqualByComparingTo("0.03"));
                assertThat(row.cacheKey()).hasSize(64);
            }
            assertThat(rows).extracting(LedgerEntry::runId).containsOnly(rows.get(0).runId());
        }

        @Test
        void failedCallReleasesItsReservation() {
            run(graph("budget").node("src", "test.source", "items", "ok,FAIL")
                    .node("gen", "test.generate").connect("src.items", "gen.prompt").build(),
                    budget.guard("film", Optional.empty()), 4, event -> { });

            assertThat(budget.entries(Optional.empty()))
                    .extracting(LedgerEntry::itemKey, LedgerEntry::status)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("item-1", LedgerStatus.SETTLED),
                            org.assertj.core.groups.Tuple.tuple("item-2", LedgerStatus.RELEASED));
        }

        @Test
        void failureAfterSubmitStaysPending() {
            Engine engine = new Engine(types.registry(), cache,
                    Optional.of(new io.reelgraph.engine.journal.H2JobJournal(cache.dataSource())),
                    Optional.of(budget.guard("film", Optional.empty())));
            // The test generator records a submitted job before it fails on "FAIL", so the
            // outcome of that call is unknown and its projection keeps counting.
            engine.session(TestContexts.context(temp.resolve("out"))).run(
                    graph("budget").node("src", "test.source", "items", "FAIL")
                            .node("gen", "test.generate").connect("src.items", "gen.prompt")
                            .build(),
                    RunOptions.DEFAULT, event -> { }, new RunControl());

            List<LedgerEntry> rows = budget.entries(Optional.empty());
            assertThat(rows).extracting(LedgerEntry::status).containsExactly(LedgerStatus.PENDING);
            assertThat(rows.get(0).countedUsd()).isEqualByComparingTo("0.04");
        }

        @Test
        void cacheHitsAreRecordedAsSaved() {
            Graph graph = paidItems("shot", 2);
            run(graph, budget.guard("film", Optional.empty()), 4, event -> { });
            run(graph, budget.guard("film", Optional.empty()), 4, event -> { });

            List<LedgerEntry> rows = budget.entries(Optional.of("film"));
            assertThat(types.generate.calls).hasSize(2);
            assertThat(rows).extracting(LedgerEntry::status).containsExactly(
                    LedgerStatus.SETTLED, LedgerStatus.SETTLED, LedgerStatus.CACHED,
                    LedgerStatus.CACHED);
            assertThat(rows.get(3).projectedUsd()).isEqualByComparingTo("0.04");
            assertThat(rows.get(3).actualUsd()).hasValueSatisfying(
                    actual -> assertThat(actual).isEqualByComparingTo("0"));
        }

        @Test
        void draftItemsNeverReserve() {
            budget.setCap(new BudgetCap(CapScope.RUN, "", BigDecimal.ZERO));
            Engine engine = new Engine(types.registry(), cache, Optional.empty(),
                    Optional.of(budget.guard("film", Optional.empty())));
            RunResult result = engine.session(TestContexts.draftContext(temp.resolve("out")))
                    .run(paidItems("shot", 2), RunOptions.DEFAULT, event -> { },
                            new RunControl());

            assertThat(result.failed()).isZero();
            assertThat(types.generate.calls).hasSize(2);
            assertThat(budget.entries(Optional.empty())).isEmpty();
        }
    }

    @Nested
    class SharedDatabase {

        @Test
        void twoProcessesDoNotOvershootOneCap() throws Exception {
            Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
            try {
                assertThat(System.getProperty("h2.bindAddress")).isEqualTo("127.0.0.1");
                // 127.0.0.1 in /proc/net/tcp, or as an IPv4-mapped address in /proc/net/tcp6.
                assertThat(listenAddresses(server.getPort())).isNotEmpty()
                        .isSubsetOf("0100007F", "0000000000000000FFFF00000100007F");
                String url = "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/"
                        + temp.resolve("shared").toAbsolutePath();
                Path blobs = temp.resolve("blobs");
                try (H2ResultCache shared = H2ResultCache.open(url, blobs)) {
                    new H2Budget(shared.dataSource()).setCap(new BudgetCap(CapScope.PROJECT_MONTH,
                            LedgerRaceRunner.PROJECT, new BigDecimal("0.48")));

                    Process first = child(url, blobs, "a");
                    Process second = child(url, blobs, "b");
                    int calls = calls(first) + calls(second);

                    List<LedgerEntry> rows = new H2Budget(shared.dataSource())
                            .entries(Optional.empty());
                    assertThat(calls).as("calls sent by both processes").isEqualTo(12);
                    assertThat(rows).hasSize(12);
                    assertThat(rows).extracting(LedgerEntry::status)
                            .containsOnly(LedgerStatus.SETTLED);
                    assertThat(rows.stream().map(LedgerEntry::countedUsd)
                            .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("0.48");
                }
            } finally {
                server.stop();
            }
        }

        private Process child(String url, Path blobs, String prefix) throws IOException {
            Path javaBinary = Path.of(System.getProperty("java.home"), "bin", "java");
            return new ProcessBuilder(javaBinary.toString(), "-cp",
                    System.getProperty("java.class.path"), LedgerRaceRunner.class.getName(), url,
                    blobs.toString(), prefix, "10")
                    .redirectError(Files.createTempFile(temp, "child", ".stderr").toFile())
                    .start();
        }

        /** Reads the {@code CALLS} line of a child and returns its count of sent calls. */
        private int calls(Process child) throws Exception {
            String output = new String(child.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();
            assertThat(child.exitValue()).as(output).isZero();
            List<String> lines = new ArrayList<>();
            for (String line : output.split("\n")) {
                if (line.startsWith("CALLS ")) {
                    lines.add(line);
                }
            }
            assertThat(lines).as(output).hasSize(1);
            String[] words = lines.get(0).strip().split(" ");
            return Integer.parseInt(words[1]);
        }

        /** Returns the hex local addresses that listen on a TCP port, from /proc/net/tcp{,6}. */
        private static List<String> listenAddresses(int port) throws IOException {
            String hexPort = String.format(":%04X", port);
            List<String> addresses = new ArrayList<>();
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.strip().split("\\s+");
                    // Field 1 is local address:port, field 3 the state; 0A is LISTEN.
                    if (fields.length > 3 && fields[1].endsWith(hexPort)
                            && fields[3].equals("0A")) {
                        addresses.add(fields[1].substring(0, fields[1].indexOf(':')));
                    }
                }
            }
            return addresses;
        }
    }
}

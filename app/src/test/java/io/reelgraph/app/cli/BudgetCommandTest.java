package io.reelgraph.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelgraph.app.Home;
import io.reelgraph.engine.cache.H2ResultCache;
import io.reelgraph.engine.money.H2Budget;
import io.reelgraph.engine.money.LedgerEntry;
import io.reelgraph.engine.money.LedgerStatus;
import io.reelgraph.engine.run.Engine;
import io.reelgraph.engine.run.RunControl;
import io.reelgraph.engine.run.RunOptions;
import io.reelgraph.engine.testing.GraphBuilder;
import io.reelgraph.engine.testing.TestContexts;
import io.reelgraph.engine.testing.TestTypes;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code budget set}, {@code budget show}, {@code spend} and the budget check of {@code run}. */
class BudgetCommandTest {

    @TempDir
    Path home;

    @TempDir
    Path folder;

    @BeforeEach
    void pointHome() {
        System.setProperty(Home.PROPERTY, home.toString());
    }

    @AfterEach
    void clearHome() {
        System.clearProperty(Home.PROPERTY);
    }

    /** Formats an amount the way budget messages do: exact, with at least two decimals. */
    static String usd(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return "$" + (stripped.scale() < 2 ? stripped.setScale(2) : stripped).toPlainString();
    }

    /**
     * Runs three paid test items in project {@code film} on the cache under the home folder, then
     * the same three again, so the ledger contains three settled calls and three cache hits.
     */
    void runPaidItemsTwice() {
        TestTypes types = new TestTypes();
        try (H2ResultCache cache = H2ResultCache.open(Home.cacheFolder())) {
            H2Budget budget = new H2Budget(cache.dataSource());
            for (int run = 0; run < 2; run++) {
                Engine engine = new Engine(types.registry(), cache, Optional.empty(),
                        Optional.of(budget.guard("film", Optional.empty(),
                                provider -> Optional.of("studio-" + provider))));
                engine.session(TestContexts.context(folder.resolve("out"))).run(
                        GraphBuilder.graph("spend").node("src", "test.source", "items", "a,b,c")
                                .node("gen", "test.generate").connect("src.items", "gen.prompt")
                                .build(),
                        RunOptions.DEFAULT, event -> { }, new RunControl());
            }
        }
        assertThat(types.generate.calls).hasSize(3);
    }

    @Nested
    class SetAndShow {

        @Test
        void showListsCapsWithSpentAndLeft() {
            CliRun set = CliRun.execute("budget", "set", "--project", "film", "--total", "1",
                    "--monthly", "0.5");
            CliRun provider = CliRun.execute("budget", "set", "--provider", "test", "--monthly",
                    "0.10");
            CliRun run = CliRun.execute("budget", "set", "--run", "2.5");
            runPaidItemsTwice();

            CliRun show = CliRun.execute("budget", "show");

            assertThat(set.exitCode()).as(set.describe()).isZero();
            assertThat(set.stdout()).isEqualTo("Set the total cap of project film to $1.00.\n"
                    + "Set the monthly cap of project film to $0.50.\n");
            assertThat(provider.exitCode()).as(provider.describe()).isZero();
            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(show.exitCode()).as(show.describe()).isZero();
            String month = java.time.YearMonth.now(ZoneOffset.UTC).toString();
            String row = "%-36s %10s %10s %10s %10s%n";
            assertThat(show.stdout()).isEqualTo("Budget caps in US dollars; monthly caps count "
                    + month + " (UTC).\n"
                    + String.format(row, "cap", "limit", "spent", "reserved", "left")
                    + String.format(row, "project film monthly", "0.50", "0.09", "0.00", "0.41")
                    + String.format(row, "project film total", "1.00", "0.09", "0.00", "0.91")
                    + String.format(row, "provider test monthly", "0.10", "0.09", "0.00", "0.01")
                    + String.format(row, "run (each run)", "2.50", "-", "-", "-"));
        }

        @Test
        void showWithoutCapsSaysHowToSetOne() {
            CliRun show = CliRun.execute("budget", "show");

            assertThat(show.exitCode()).isZero();
            assertThat(show.stdout()).isEqualTo(
                    "No budget caps are set; set one with reelgraph budget set.\n");
        }

        @Test
        void setRejectsInvalidCombinations() {
            CliRun none = CliRun.execute("budget", "set", "--total", "1");
            CliRun providerTotal = CliRun.execute("budget", "set", "--provider", "fal",
                    "--total", "1");
            CliRun negative = CliRun.execute("budget", "set", "--run", "-1");
            CliRun bare = CliRun.execute("budget", "set", "--project", "film");

            assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(none.stderr()).contains("budget set needs exactly one of --project,"
                    + " --provider or --run");
            assertThat(providerTotal.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(providerTotal.stderr()).contains("--provider fal takes --monthly USD only");
            assertThat(negative.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(negative.stderr()).contains("A budget cap must be zero or more US dollars,"
                    + " got -1");
            assertThat(bare.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(bare.stderr()).contains("--project film needs --total USD, --monthly USD"
                    + " or both");
        }
    }

    @Nested
    class RunRefusal {

        Path graph;
        BigDecimal projected;

        @BeforeEach
        void copySample() throws IOException {
            graph = SampleGraph.copyInto(folder);
            CliRun estimate = CliRun.execute("estimate", "--json", graph.toString());
            projected = estimate.json().path("cost").path("projectedUsd").decimalValue();
            assertThat(projected).isGreaterThan(new BigDecimal("0.01"));
        }

        @Test
        void projectionOverProjectCapRefusedWithNumbers() {
            CliRun.execute("budget", "set", "--project", "film", "--monthly", "0.01");

            CliRun run = CliRun.execute("run", graph.toString(), "--project", "film", "--yes");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.REFUSED);
            assertThat(run.stderr()).contains("Projected cost " + usd(projected) + " is above the"
                    + " monthly cap of project film of $0.01 ($0.00 spent, $0.00 reserved, $0.01"
                    + " left); nothing was sent. Raise the cap with reelgraph budget set, cut the"
                    + " work, or run with --draft.");
            assertThat(folder.resolve("out")).doesNotExist();
        }

        @Test
        void projectDefaultsToGraphFolderName() {
            String project = folder.getFileName().toString();
            CliRun.execute("budget", "set", "--project", project, "--total", "0.01");

            CliRun estimate = CliRun.execute("estimate", graph.toString());
            CliRun run = CliRun.execute("run", graph.toString(), "--yes");

            assertThat(estimate.stdout()).contains("Budget: a run would be rejected. Projected"
                    + " cost " + usd(projected) + " is above the total cap of project " + project);
            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.REFUSED);
            assertThat(run.stderr()).contains("the total cap of project " + project);
        }

        @Test
        void draftRunPassesZeroCap() {
            CliRun.execute("budget", "set", "--project", "film", "--total", "0");

            CliRun run = CliRun.execute("run", graph.toString(), "--project", "film", "--draft");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.OK);
        }
    }

    @Nested
    class Spend {

        @Test
        void ledgerHoldsSettledCallsAndCacheHits() {
            runPaidItemsTwice();

            try (H2ResultCache cache = H2ResultCache.open(Home.cacheFolder())) {
                List<LedgerEntry> rows = new H2Budget(cache.dataSource()).entries(Optional.empty());
                assertThat(rows).extracting(LedgerEntry::status).containsExactly(
                        LedgerStatus.SETTLED, LedgerStatus.SETTLED, LedgerStatus.SETTLED,
                        LedgerStatus.CACHED, LedgerStatus.CACHED, LedgerStatus.CACHED);
                assertThat(rows).extracting(LedgerEntry::project).containsOnly("film");
            }
        }

        @Test
        void spendByAliasNamesTheKeyThatPaid() {
            runPaidItemsTwice();

            CliRun spend = CliRun.execute("spend", "--by", "alias");

            assertThat(spend.exitCode()).as(spend.describe()).isZero();
            String row = "%-32s %6s %10s %10s %10s %6s %10s%n";
            assertThat(spend.stdout()).contains(String.format(row, "studio-test", 3, "0.12",
                    "0.09", "0.00", 3, "0.12"));
        }

        @Test
        void spendByProviderShowsCostAndSavings() {
            runPaidItemsTwice();

            CliRun spend = CliRun.execute("spend", "--by", "provider");

            assertThat(spend.exitCode()).as(spend.describe()).isZero();
            String row = "%-32s %6s %10s %10s %10s %6s %10s%n";
            assertThat(spend.stdout()).isEqualTo("Spend by provider over every project, in US"
                    + " dollars (projections are estimates).\n"
                    + String.format(row, "provider", "calls", "projected", "actual", "open",
                            "hits", "saved")
                    + String.format(row, "test", 3, "0.12", "0.09", "0.00", 3, "0.12")
                    + String.format(row, "total", 3, "0.12", "0.09", "0.00", 3, "0.12"));
        }

        @Test
        void spendCsvByDayAndModel() {
            runPaidItemsTwice();

            CliRun byDay = CliRun.execute("spend", "--project", "film", "--by", "day", "--csv");
            CliRun byModel = CliRun.execute("spend", "--project", "other", "--by", "model",
                    "--csv");

            String today = LocalDate.now(ZoneOffset.UTC).toString();
            assertThat(byDay.stdout()).isEqualTo(
                    "day,calls,projected_usd,actual_usd,open_usd,cache_hits,saved_usd\n"
                    + today + ",3,0.12,0.09,0.00,3,0.12\n"
                    + "total,3,0.12,0.09,0.00,3,0.12\n");
            assertThat(byModel.stdout()).isEqualTo(
                    "model,calls,projected_usd,actual_usd,open_usd,cache_hits,saved_usd\n"
                    + "total,0,0.00,0.00,0.00,0,0.00\n");
        }

        @Test
        void chartIsPngOfExpectedSize() throws IOException {
            runPaidItemsTwice();
            Path chart = folder.resolve("spend.png");

            CliRun spend = CliRun.execute("spend", "--chart", chart.toString());

            assertThat(spend.exitCode()).as(spend.describe()).isZero();
            byte[] bytes = Files.readAllBytes(chart);
            assertThat(java.util.Arrays.copyOf(bytes, 8)).containsExactly(
                    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
            BufferedImage image = ImageIO.read(chart.toFile());
            assertThat(image.getWidth()).isEqualTo(SpendChart.WIDTH);
            assertThat(image.getHeight()).isEqualTo(SpendChart.HEIGHT);
            // Kept in the build folder so that a person can look at the chart.
            Files.copy(chart, Path.of("target", "spend-chart.png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
    @Nested
    class Reconcile {

        /**
         * Writes a RESERVED row whose owner is a real process on this machine that has exited,
         * the way a run killed between reserve and settle leaves it.
         */
        long plantOrphan(String node) throws Exception {
            String machine = Files.readString(Path.of("/etc/machine-id")).strip();
            String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
            // cat runs until its standard input closes, so its start time can be read first.
            Process process = new ProcessBuilder("cat").start();
            ProcessHandle handle = process.toHandle();
            java.time.Instant started = handle.info().startInstant().orElseThrow()
                    .truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            process.getOutputStream().close();
            assertThat(process.waitFor()).isZero();
            String owner = "machine " + machine + " boot " + boot + " pid " + handle.pid()
                    + " started " + started;
            try (H2ResultCache cache = H2ResultCache.open(Home.cacheFolder());
                    java.sql.Connection connection = cache.dataSource().getConnection();
                    java.sql.PreparedStatement insert = connection.prepareStatement("INSERT INTO"
                            + " SPEND_LEDGER (CREATED_AT, UPDATED_AT, RUN_ID, PROJECT, PROVIDER,"
                            + " MODEL, NODE_ID, ITEM_KEY, CACHE_KEY, PROJECTED_USD, STATUS,"
                            + " OWNER) VALUES (CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, ?, 'film',"
                            + " 'fal', 'fal/flux-dev', ?, 'shot-1', ?, 0.04, 'RESERVED', ?)",
                            java.sql.Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, java.util.UUID.randomUUID().toString());
                insert.setString(2, node);
                insert.setString(3, "c".repeat(64));
                insert.setString(4, owner);
                insert.executeUpdate();
                try (java.sql.ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        }

        List<LedgerEntry> ledger() {
            try (H2ResultCache cache = H2ResultCache.open(Home.cacheFolder())) {
                return new H2Budget(cache.dataSource()).entries(Optional.empty());
            }
        }

        @Test
        void reconcileReleasesOrphanAndSaysSo() throws Exception {
            long orphan = plantOrphan("keyframe");

            CliRun reconcile = CliRun.execute("budget", "reconcile");

            assertThat(reconcile.exitCode()).as(reconcile.describe()).isZero();
            assertThat(reconcile.stdout()).startsWith("Reconciled 1 reservation of processes"
                    + " that are gone:\n  RELEASED: Reservation " + orphan + " of node keyframe"
                    + " (fal fal/flux-dev, $0.04) was released, because its process ");
            assertThat(reconcile.stdout()).endsWith(" has ended and the job journal has no job"
                    + " for it; if the provider charged for it anyway, its bill shows the"
                    + " call\n");
            assertThat(ledger()).extracting(LedgerEntry::status)
                    .containsExactly(LedgerStatus.RELEASED);

            CliRun again = CliRun.execute("budget", "reconcile");

            assertThat(again.stdout()).isEqualTo("No open reservation belongs to a process that"
                    + " is gone.\n");
        }

        @Test
        void showReconcilesThenListsOpenReservations() throws Exception {
            plantOrphan("keyframe");
            long live;
            try (H2ResultCache cache = H2ResultCache.open(Home.cacheFolder())) {
                live = new H2Budget(cache.dataSource()).guard("film", Optional.empty())
                        .reserve(new io.reelgraph.engine.money.SpendRequest(
                                io.reelgraph.engine.graph.NodeId.of("voice"), "line-1",
                                new io.reelgraph.engine.cache.CacheKey("d".repeat(64)),
                                "elevenlabs", "elevenlabs/eleven_v3", new BigDecimal("0.12")))
                        .ledgerId();
            }

            CliRun show = CliRun.execute("budget", "show");

            assertThat(show.exitCode()).as(show.describe()).isZero();
            String[] lines = show.stdout().split("\n");
            assertThat(lines[0]).isEqualTo("No budget caps are set; set one with reelgraph"
                    + " budget set.");
            assertThat(lines[1]).isEmpty();
            assertThat(lines[2]).isEqualTo("Reconciled 1 reservation of processes that are"
                    + " gone:");
            assertThat(lines[3]).startsWith("  RELEASED: Reservation ");
            assertThat(lines[4]).isEmpty();
            assertThat(lines[5]).isEqualTo("Open reservations (counted against the caps until"
                    + " settled):");
            assertThat(lines[6]).startsWith("    id  created (UTC)");
            assertThat(lines[7]).startsWith(String.format("%6s", live))
                    .contains("RESERVED").contains("film").contains("elevenlabs")
                    .contains("voice").endsWith("0.12");
            assertThat(lines).hasSize(8);
        }
    }
}

package io.reelgraph.engine.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.reelgraph.engine.cache.CacheKey;
import io.reelgraph.engine.cache.H2ResultCache;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.journal.H2JobJournal;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reconciliation of reservations left open by a process that is gone, on real H2 files. */
class LedgerReconcileTest {

    private static final BigDecimal PRICE = new BigDecimal("0.04");

    @TempDir
    Path temp;

    H2ResultCache cache;
    H2Budget budget;
    H2JobJournal journal;

    @BeforeEach
    void openCache() {
        cache = H2ResultCache.open(temp.resolve("cache"));
        budget = new H2Budget(cache.dataSource());
        journal = new H2JobJournal(cache.dataSource());
    }

    @AfterEach
    void closeCache() {
        cache.close();
    }

    static CacheKey key(char digit) {
        return new CacheKey(String.valueOf(digit).repeat(64));
    }

    static SpendRequest request(String item, CacheKey key) {
        return new SpendRequest(NodeId.of("gen"), item, key, "fal", "fal/flux-dev", PRICE);
    }

    /** Returns the owner of a real process that has already exited. */
    static LedgerOwner endedOwner() throws Exception {
        // Without a machine id, no owner counts as ended, so only the orphan age applies.
        assumeThat(LedgerOwner.current().machine()).isNotEqualTo(LedgerOwner.UNKNOWN);
        // cat runs until its standard input closes, so its start time can be read first.
        Process process = new ProcessBuilder("cat").start();
        ProcessHandle handle = process.toHandle();
        Instant started = LedgerOwner.startOf(handle);
        assertThat(started).isNotEqualTo(Instant.EPOCH);
        process.getOutputStream().close();
        assertThat(process.waitFor()).isZero();
        LedgerOwner current = LedgerOwner.current();
        return new LedgerOwner(current.machine(), current.boot(), handle.pid(), started);
    }

    Reservation reserveAs(H2Budget store, LedgerOwner owner, String item, CacheKey key)
            throws Exception {
        LedgerGuard guard = new LedgerGuard(store, "film", UUID.randomUUID().toString(),
                Optional.empty(), owner);
        return guard.reserve(request(item, key));
    }

    LedgerEntry row(long id) {
        return budget.entries(Optional.empty()).stream().filter(entry -> entry.id() == id)
                .findFirst().orElseThrow();
    }

    @Nested
    class EndedProcess {

        @Test
        void finishedJobSettlesAtProjection() throws Exception {
            Reservation reservation = reserveAs(budget, endedOwner(), "shot-1", key('1'));
            assertThat(journal.claim(key('1'), "fal", "fal/flux-dev", Optional.empty())).isTrue();
            journal.done(key('1'));

            List<ReconciledReservation> results = budget.reconcile(journal);

            assertThat(results).hasSize(1);
            assertThat(results.get(0).outcome()).isEqualTo(ReconcileOutcome.SETTLED);
            assertThat(results.get(0).reason()).startsWith("Reservation "
                    + reservation.ledgerId() + " of node gen (fal fal/flux-dev, $0.04) was"
                    + " settled at its projected cost, because its process ");
            assertThat(row(reservation.ledgerId()).status()).isEqualTo(LedgerStatus.SETTLED);
            assertThat(row(reservation.ledgerId()).actualUsd()).contains(PRICE);
            assertThat(budget.openReservations()).isEmpty();
        }

        @Test
        void openJobStaysReserved() throws Exception {
            Reservation reservation = reserveAs(budget, endedOwner(), "shot-1", key('2'));
            assertThat(journal.claim(key('2'), "fal", "fal/flux-dev", Optional.empty())).isTrue();

            List<ReconciledReservation> results = budget.reconcile(journal);

            assertThat(results).extracting(ReconciledReservation::outcome)
                    .containsExactly(ReconcileOutcome.KEPT);
            assertThat(results.get(0).reason()).endsWith("because the job journal shows the job"
                    + " SUBMITTING; 'reelgraph jobs' lists it");
            assertThat(row(reservation.ledgerId()).status()).isEqualTo(LedgerStatus.RESERVED);
            assertThat(budget.openReservations()).extracting(LedgerEntry::id)
                    .containsExactly(reservation.ledgerId());
        }

        @Test
        void noJobReleasesAndSaysSo() throws Exception {
            Reservation reservation = reserveAs(budget, endedOwner(), "shot-1", key('3'));

            List<ReconciledReservation> results = budget.reconcile(journal);

            assertThat(results).extracting(ReconciledReservation::outcome)
                    .containsExactly(ReconcileOutcome.RELEASED);
            assertThat(results.get(0).reason()).endsWith("has ended and the job journal has no"
                    + " job for it; if the provider charged for it anyway, its bill shows the"
                    + " call");
            assertThat(row(reservation.ledgerId()).status()).isEqualTo(LedgerStatus.RELEASED);
            assertThat(row(reservation.ledgerId()).countedUsd()).isEqualByComparingTo("0");
        }

        @Test
        void pendingRowIsReconciledToo() throws Exception {
            LedgerOwner owner = endedOwner();
            LedgerGuard guard = new LedgerGuard(budget, "film", UUID.randomUUID().toString(),
                    Optional.empty(), owner);
            Reservation reservation = guard.reserve(request("shot-1", key('4')));
            guard.pending(reservation, Optional.of("req-9"));
            journal.claim(key('4'), "fal", "fal/flux-dev", Optional.empty());
            journal.failed(key('4'));

            List<ReconciledReservation> results = budget.reconcile(journal);

            assertThat(results).extracting(ReconciledReservation::outcome)
                    .containsExactly(ReconcileOutcome.RELEASED);
            assertThat(results.get(0).reason()).contains("the job journal shows the job FAILED");
        }

        @Test
        void laterSettledRowReleasesDuplicate() throws Exception {
            Reservation orphan = reserveAs(budget, endedOwner(), "shot-1", key('5'));
            journal.claim(key('5'), "fal", "fal/flux-dev", Optional.empty());
            journal.done(key('5'));
            LedgerGuard resumed = new LedgerGuard(budget, "film", UUID.randomUUID().toString(),
                    Optional.empty());
            Reservation settled = resumed.reserve(request("shot-1", key('5')));
            resumed.settle(settled, Optional.of(PRICE), Optional.empty());

            List<ReconciledReservation> results = budget.reconcile(journal);

            assertThat(results).extracting(ReconciledReservation::outcome)
                    .containsExactly(ReconcileOutcome.RELEASED);
            assertThat(results.get(0).reason()).contains("and ledger row " + settled.ledgerId()
                    + " already settled the same job");
            assertThat(row(orphan.ledgerId()).status()).isEqualTo(LedgerStatus.RELEASED);
        }

        @Test
        void reconcileAfterReopeningDatabase() throws Exception {
            Reservation reservation = reserveAs(budget, endedOwner(), "shot-1", key('6'));
            cache.close();
            cache = H2ResultCache.open(temp.resolve("cache"));
            budget = new H2Budget(cache.dataSource());
            journal = new H2JobJournal(cache.dataSource());

            List<ReconciledReservation> results = budget.reconcile(journal);

            assertThat(results).extracting(result -> result.entry().id())
                    .containsExactly(reservation.ledgerId());
            assertThat(budget.reconcile(journal)).isEmpty();
        }
    }

    @Nested
    class LiveOrUnknownProcess {

        @Test
        void ownRowIsLeftAlone() throws Exception {
            LedgerGuard guard = new LedgerGuard(budget, "film", UUID.randomUUID().toString(),
                    Optional.empty());
            Reservation reservation = guard.reserve(request("shot-1", key('7')));

            assertThat(budget.reconcile(journal)).isEmpty();
            assertThat(row(reservation.ledgerId()).status()).isEqualTo(LedgerStatus.RESERVED);
        }

        @Test
        void otherMachineWaitsForOrphanAge() throws Exception {
            Instant start = Instant.parse("2026-12-01T10:00:00Z");
            H2Budget then = new H2Budget(cache.dataSource(), Clock.fixed(start, ZoneOffset.UTC));
            LedgerOwner elsewhere = new LedgerOwner("0123456789abcdef", "feedbeef", 4242, start);
            Reservation reservation = reserveAs(then, elsewhere, "shot-1", key('8'));
            Duration age = Duration.ofHours(H2Budget.ORPHAN_HOURS);

            H2Budget soon = new H2Budget(cache.dataSource(),
                    Clock.fixed(start.plus(age).minusSeconds(60), ZoneOffset.UTC));
            assertThat(soon.reconcile(journal, age, LedgerOwner.current())).isEmpty();

            H2Budget later = new H2Budget(cache.dataSource(),
                    Clock.fixed(start.plus(age).plusSeconds(60), ZoneOffset.UTC));
            List<ReconciledReservation> results = later.reconcile(journal, age,
                    LedgerOwner.current());

            assertThat(results).extracting(ReconciledReservation::outcome)
                    .containsExactly(ReconcileOutcome.RELEASED);
            assertThat(results.get(0).reason()).contains("because it has not changed for more"
                    + " than 24 hours and its process cannot be checked from this machine");
            assertThat(row(reservation.ledgerId()).status()).isEqualTo(LedgerStatus.RELEASED);
        }
    }

    @Nested
    class Owner {

        @Test
        void ownerRoundTrips() {
            LedgerOwner owner = new LedgerOwner("0123456789abcdef", "feedbeef-0001", 4242,
                    Instant.parse("2026-12-04T18:20:00.120Z"));

            assertThat(owner.toString()).isEqualTo("machine 0123456789abcdef boot feedbeef-0001"
                    + " pid 4242 started 2026-12-04T18:20:00.120Z");
            assertThat(LedgerOwner.parse(owner.toString())).contains(owner);
            assertThat(LedgerOwner.parse("pid 12")).isEmpty();
        }

        @Test
        void currentProcessHasNotEnded() {
            assertThat(LedgerOwner.current().endedAsSeenBy(LedgerOwner.current())).isFalse();
        }

        @Test
        void unknownMachineIsNeverEnded() {
            LedgerOwner unknown = new LedgerOwner(LedgerOwner.UNKNOWN, LedgerOwner.UNKNOWN,
                    Long.MAX_VALUE, Instant.EPOCH);

            assertThat(unknown.endedAsSeenBy(unknown)).isFalse();
        }
    }
}

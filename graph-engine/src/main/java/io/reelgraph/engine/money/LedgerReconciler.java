package io.reelgraph.engine.money;

import io.reelgraph.engine.cache.CacheKey;
import io.reelgraph.engine.journal.JobEntry;
import io.reelgraph.engine.journal.JobJournal;
import io.reelgraph.engine.journal.JobStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles or releases the RESERVED and PENDING ledger rows of processes that are gone, so a
 * killed run neither blocks the budget forever nor loses what it spent without a word.
 *
 * <p>A row's process is gone when its owner ran on this machine and has ended, or, where its
 * liveness cannot be checked (another machine, or a row without an owner), when the row has not changed for
 * longer than the orphan age. The job journal then decides: a DONE job settles the row at its
 * projected cost, an open job keeps it reserved, and anything else releases it.
 */
final class LedgerReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerReconciler.class);

    /** The first SETTLED row of the same cache key after a given row, if any. */
    private static final String SETTLED_LATER = "SELECT MIN(ID) FROM SPEND_LEDGER"
            + " WHERE CACHE_KEY = ? AND ID > ? AND STATUS = 'SETTLED'";

    private final H2Budget budget;
    private final JobJournal journal;
    private final Duration orphanAge;
    private final LedgerOwner observer;

    LedgerReconciler(H2Budget budget, JobJournal journal, Duration orphanAge,
            LedgerOwner observer) {
        this.budget = budget;
        this.journal = journal;
        this.orphanAge = orphanAge;
        this.observer = observer;
    }

    /** One open row with what decides whether its process is gone. */
    private record OpenRow(LedgerEntry entry, Optional<LedgerOwner> owner, Instant updatedAt) {
    }

    List<ReconciledReservation> reconcile() throws SQLException {
        List<ReconciledReservation> results = new ArrayList<>();
        try (Connection connection = budget.dataSource().getConnection()) {
            Instant now = budget.now().toInstant();
            for (OpenRow row : openRows(connection)) {
                Optional<String> gone = whyGone(row, now);
                if (gone.isPresent()) {
                    decide(connection, row.entry(), gone.get()).ifPresent(results::add);
                }
            }
        }
        return results;
    }

    /** Returns why the row's process counts as gone, or empty while it may still run. */
    private Optional<String> whyGone(OpenRow row, Instant now) {
        if (row.owner().isPresent() && row.owner().get().endedAsSeenBy(observer)) {
            return Optional.of("its process " + row.owner().get().pid() + " has ended");
        }
        if (row.updatedAt().plus(orphanAge).isBefore(now)) {
            return Optional.of("it has not changed for more than " + hours(orphanAge)
                    + " and its process cannot be checked from this machine");
        }
        return Optional.empty();
    }

    private Optional<ReconciledReservation> decide(Connection connection, LedgerEntry entry,
            String gone) throws SQLException {
        Optional<JobEntry> job = journal.find(new CacheKey(entry.cacheKey()));
        String row = "Reservation " + entry.id() + " of node " + entry.nodeId() + " ("
                + entry.provider() + " " + entry.model() + ", $"
                + entry.projectedUsd().toPlainString() + ")";
        if (job.isPresent() && job.get().status().open()) {
            return Optional.of(new ReconciledReservation(entry, ReconcileOutcome.KEPT, row
                    + " stays reserved although " + gone + ", because the job journal shows the"
                    + " job " + job.get().status() + "; 'reelgraph jobs' lists it"));
        }
        if (job.isPresent() && job.get().status() == JobStatus.DONE) {
            Optional<Long> later = settledLater(connection, entry);
            if (later.isEmpty()) {
                return change(connection, entry, ReconcileOutcome.SETTLED, row + " was settled"
                        + " at its projected cost, because " + gone + " and the job journal"
                        + " shows the job finished");
            }
            return change(connection, entry, ReconcileOutcome.RELEASED, row + " was released,"
                    + " because " + gone + " and ledger row " + later.get() + " already"
                    + " settled the same job");
        }
        String journalState = job.map(found -> "shows the job " + found.status())
                .orElse("has no job for it");
        return change(connection, entry, ReconcileOutcome.RELEASED, row + " was released,"
                + " because " + gone + " and the job journal " + journalState
                + "; if the provider charged for it anyway, its bill shows the call");
    }

    private Optional<ReconciledReservation> change(Connection connection, LedgerEntry entry,
            ReconcileOutcome outcome, String reason) throws SQLException {
        String sql = "UPDATE SPEND_LEDGER SET STATUS = ?, ACTUAL_USD = "
                + (outcome == ReconcileOutcome.SETTLED ? "PROJECTED_USD" : "NULL")
                + ", UPDATED_AT = ? WHERE ID = ? AND STATUS IN ('RESERVED', 'PENDING')";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, outcome == ReconcileOutcome.SETTLED
                    ? LedgerStatus.SETTLED.name() : LedgerStatus.RELEASED.name());
            statement.setObject(2, budget.now());
            statement.setLong(3, entry.id());
            if (statement.executeUpdate() == 0) {
                // Another process reconciled or settled the row first.
                return Optional.empty();
            }
        }
        LOG.warn("{}", reason);
        return Optional.of(new ReconciledReservation(entry, outcome, reason));
    }

    private Optional<Long> settledLater(Connection connection, LedgerEntry entry)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SETTLED_LATER)) {
            statement.setString(1, entry.cacheKey());
            statement.setLong(2, entry.id());
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                long id = result.getLong(1);
                return result.wasNull() ? Optional.empty() : Optional.of(id);
            }
        }
    }

    private List<OpenRow> openRows(Connection connection) throws SQLException {
        String sql = "SELECT " + H2Budget.LEDGER_COLUMNS + ", OWNER, UPDATED_AT FROM SPEND_LEDGER"
                + " WHERE STATUS IN ('RESERVED', 'PENDING') ORDER BY ID";
        List<OpenRow> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                String owner = result.getString("OWNER");
                rows.add(new OpenRow(H2Budget.decode(result),
                        owner == null ? Optional.empty() : LedgerOwner.parse(owner),
                        result.getObject("UPDATED_AT", OffsetDateTime.class).toInstant()));
            }
        }
        return rows;
    }

    private static String hours(Duration duration) {
        long hours = duration.toHours();
        return hours == 1 ? "1 hour" : hours + " hours";
    }
}

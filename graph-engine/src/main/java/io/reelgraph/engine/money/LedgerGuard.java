package io.reelgraph.engine.money;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.h2.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spend guard of one run of one project, on the spend ledger of an {@link H2Budget}.
 *
 * <p>A reservation runs in one transaction: it locks the rows of every cap that applies
 * ({@code SELECT ... FOR UPDATE}), sums what is spent and reserved under each, and inserts the
 * ledger row only if every cap still holds. The row locks serialize reservations across
 * processes on one database. The run cap given by the caller has no row, so reservations of one
 * guard are also serialized in this process.
 */
final class LedgerGuard implements SpendGuard {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerGuard.class);
    private static final int MAX_LOCK_ATTEMPTS = 20;

    private final H2Budget budget;
    private final String project;
    private final String runId;
    private final Optional<BigDecimal> runCapUsd;
    private final LedgerOwner owner;
    private final Function<String, Optional<String>> keyAliases;

    LedgerGuard(H2Budget budget, String project, String runId, Optional<BigDecimal> runCapUsd) {
        this(budget, project, runId, runCapUsd, LedgerOwner.current());
    }

    LedgerGuard(H2Budget budget, String project, String runId, Optional<BigDecimal> runCapUsd,
            Function<String, Optional<String>> keyAliases) {
        this(budget, project, runId, runCapUsd, LedgerOwner.current(), keyAliases);
    }

    /** Creates a guard whose rows name another owner; for tests of reconciliation. */
    LedgerGuard(H2Budget budget, String project, String runId, Optional<BigDecimal> runCapUsd,
            LedgerOwner owner) {
        this(budget, project, runId, runCapUsd, owner, provider -> Optional.empty());
    }

    private LedgerGuard(H2Budget budget, String project, String runId,
            Optional<BigDecimal> runCapUsd, LedgerOwner owner,
            Function<String, Optional<String>> keyAliases) {
        this.keyAliases = keyAliases;
        this.budget = budget;
        this.project = project;
        this.runId = runId;
        this.runCapUsd = runCapUsd;
        this.owner = owner;
    }

    @Override
    public synchronized Reservation reserve(SpendRequest request) throws BudgetExceededException {
        SQLException last = null;
        for (int attempt = 1; attempt <= MAX_LOCK_ATTEMPTS; attempt++) {
            try {
                return reserveOnce(request);
            } catch (SQLException e) {
                if (e.getErrorCode() != ErrorCode.LOCK_TIMEOUT_1
                        && e.getErrorCode() != ErrorCode.DEADLOCK_1) {
                    throw failure("reserve", request, e);
                }
                // Another process holds the cap rows for longer than the lock timeout.
                LOG.warn("Budget caps are locked by another run; retrying reservation of node {}"
                        + " item {} ({} of {})", request.node(), request.itemKey(), attempt,
                        MAX_LOCK_ATTEMPTS);
                last = e;
            }
        }
        throw failure("reserve", request, last);
    }

    private Reservation reserveOnce(SpendRequest request)
            throws SQLException, BudgetExceededException {
        try (Connection connection = budget.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                Reservation reservation = checkAndInsert(connection, request);
                connection.commit();
                return reservation;
            } catch (SQLException | BudgetExceededException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private Reservation checkAndInsert(Connection connection, SpendRequest request)
            throws SQLException, BudgetExceededException {
        List<BudgetCap> caps = budget.applicableCaps(connection, project,
                List.of(request.provider()), runCapUsd, true);
        for (BudgetCap cap : caps) {
            CapStatus status = budget.status(connection, cap, Optional.of(runId));
            if (status.exceededBy(request.projectedUsd())) {
                throw BudgetExceededException.forCall(status, request);
            }
        }
        // A process that dies between reserve and settle leaves its row RESERVED; the owner
        // lets H2Budget.reconcile tell such a row from one still in flight.
        long id = insert(connection, request, LedgerStatus.RESERVED, Optional.empty());
        return new Reservation(id, request);
    }

    private long insert(Connection connection, SpendRequest request, LedgerStatus status,
            Optional<BigDecimal> actualUsd) throws SQLException {
        String sql = "INSERT INTO SPEND_LEDGER (CREATED_AT, UPDATED_AT, RUN_ID, PROJECT, PROVIDER,"
                + " MODEL, KEY_ALIAS, NODE_ID, ITEM_KEY, CACHE_KEY, PROJECTED_USD, ACTUAL_USD,"
                + " STATUS, PROVIDER_REQUEST_ID, OWNER) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, NULL, ?)";
        OffsetDateTime now = budget.now();
        String alias = keyAliases.apply(request.provider()).orElse(null);
        try (PreparedStatement statement = connection.prepareStatement(sql,
                Statement.RETURN_GENERATED_KEYS)) {
            statement.setObject(1, now);
            statement.setObject(2, now);
            statement.setString(3, runId);
            statement.setString(4, project);
            statement.setString(5, request.provider());
            statement.setString(6, request.model());
            statement.setString(7, alias);
            statement.setString(8, request.node().value());
            statement.setString(9, request.itemKey());
            statement.setString(10, request.cacheKey().hex());
            statement.setBigDecimal(11, request.projectedUsd());
            statement.setBigDecimal(12, actualUsd.orElse(null));
            statement.setString(13, status.name());
            statement.setString(14, owner.toString());
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    @Override
    public void settle(Reservation reservation, Optional<BigDecimal> actualUsd,
            Optional<String> providerRequestId) {
        BigDecimal actual = actualUsd.orElse(reservation.request().projectedUsd());
        update(reservation, LedgerStatus.SETTLED, Optional.of(actual), providerRequestId);
    }

    @Override
    public void release(Reservation reservation) {
        update(reservation, LedgerStatus.RELEASED, Optional.empty(), Optional.empty());
    }

    @Override
    public void pending(Reservation reservation, Optional<String> providerRequestId) {
        update(reservation, LedgerStatus.PENDING, Optional.empty(), providerRequestId);
    }

    @Override
    public void cached(SpendRequest request) {
        try (Connection connection = budget.dataSource().getConnection()) {
            insert(connection, request, LedgerStatus.CACHED, Optional.of(BigDecimal.ZERO));
        } catch (SQLException e) {
            throw failure("record the cache hit of", request, e);
        }
    }

    private void update(Reservation reservation, LedgerStatus status,
            Optional<BigDecimal> actualUsd, Optional<String> providerRequestId) {
        String sql = "UPDATE SPEND_LEDGER SET STATUS = ?, ACTUAL_USD = ?,"
                + " PROVIDER_REQUEST_ID = COALESCE(?, PROVIDER_REQUEST_ID), UPDATED_AT = ?"
                + " WHERE ID = ? AND STATUS = 'RESERVED'";
        try (Connection connection = budget.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, status.name());
            statement.setBigDecimal(2, actualUsd.orElse(null));
            statement.setString(3, providerRequestId.orElse(null));
            statement.setObject(4, budget.now());
            statement.setLong(5, reservation.ledgerId());
            if (statement.executeUpdate() == 0) {
                throw new BudgetException("Spend ledger row " + reservation.ledgerId()
                        + " is not RESERVED, so it cannot become " + status
                        + "; each reservation is settled, released or left pending once", null);
            }
        } catch (SQLException e) {
            throw failure("mark as " + status + " the reservation of", reservation.request(), e);
        }
    }

    private BudgetException failure(String action, SpendRequest request, SQLException e) {
        return new BudgetException("Failed to " + action + " node " + request.node() + " item "
                + request.itemKey() + " in the spend ledger of project " + project + ": "
                + e.getMessage(), e);
    }
}

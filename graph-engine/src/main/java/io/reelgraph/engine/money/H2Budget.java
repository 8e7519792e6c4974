package io.reelgraph.engine.money;

import io.reelgraph.engine.journal.JobJournal;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Budget caps and the spend ledger in the {@code BUDGET_CAP} and {@code SPEND_LEDGER} tables of
 * the result cache database, created by the Flyway migration {@code V3__budget_and_ledger.sql}.
 * Processes that share one database share the caps and the ledger, so caps hold for a team.
 */
public final class H2Budget {

    static final String LEDGER_COLUMNS = "ID, CREATED_AT, RUN_ID, PROJECT, PROVIDER, MODEL,"
            + " KEY_ALIAS, NODE_ID, ITEM_KEY, CACHE_KEY, PROJECTED_USD, ACTUAL_USD, STATUS,"
            + " PROVIDER_REQUEST_ID";

    /**
     * How long an open row of a process that cannot be checked from this machine stays untouched.
     * The provider adapters give up on a job after at most 20 minutes of polling, so a row this
     * old belongs to a process that is gone.
     */
    static final long ORPHAN_HOURS = 24;

    private final DataSource dataSource;
    private final Clock clock;

    /** Creates the store on a database that the result cache has already migrated. */
    public H2Budget(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    H2Budget(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    DataSource dataSource() {
        return dataSource;
    }

    OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
    }

    /** Returns the calendar month in UTC that monthly caps count now. */
    public YearMonth currentMonth() {
        return YearMonth.from(now());
    }

    /** Stores a cap, replacing the cap of the same scope and subject. */
    public void setCap(BudgetCap cap) {
        String sql = "MERGE INTO BUDGET_CAP (SCOPE, SUBJECT, LIMIT_USD, UPDATED_AT)"
                + " KEY (SCOPE, SUBJECT) VALUES (?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, cap.scope().name());
            statement.setString(2, cap.subject());
            statement.setBigDecimal(3, cap.limitUsd());
            statement.setObject(4, now());
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new BudgetException("Failed to store " + cap.describe() + ": " + e.getMessage(),
                    e);
        }
    }

    /** Removes a cap; returns whether it existed. */
    public boolean removeCap(CapScope scope, String subject) {
        String sql = "DELETE FROM BUDGET_CAP WHERE SCOPE = ? AND SUBJECT = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, scope.name());
            statement.setString(2, subject);
            return statement.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new BudgetException("Failed to remove the " + scope + " cap of " + subject + ": "
                    + e.getMessage(), e);
        }
    }

    /** Returns every stored cap, ordered by scope and subject. */
    public List<BudgetCap> caps() {
        String sql = "SELECT SCOPE, SUBJECT, LIMIT_USD FROM BUDGET_CAP ORDER BY SCOPE, SUBJECT";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet row = statement.executeQuery()) {
            return readCaps(row);
        } catch (SQLException e) {
            throw new BudgetException("Failed to read the budget caps: " + e.getMessage(), e);
        }
    }

    /** Returns every stored cap with what was spent and reserved under it in its period. */
    public List<CapStatus> statuses() {
        try (Connection connection = dataSource.getConnection()) {
            List<CapStatus> statuses = new ArrayList<>();
            for (BudgetCap cap : caps()) {
                statuses.add(cap.scope() == CapScope.RUN
                        ? new CapStatus(cap, BigDecimal.ZERO, BigDecimal.ZERO)
                        : status(connection, cap, Optional.empty()));
            }
            return statuses;
        } catch (SQLException e) {
            throw new BudgetException("Failed to sum the spend ledger: " + e.getMessage(), e);
        }
    }

    /**
     * Checks a projection against every cap that applies to it, counting what was already spent
     * and reserved in each cap's period.
     *
     * @param byProviderUsd the projected cost per provider
     * @param runCapUsd a cap on this run, such as {@code --max-cost}; the stored run cap applies
     *     as well
     * @throws BudgetExceededException naming the first cap that the projection would break
     */
    public void check(String project, BigDecimal totalUsd, Map<String, BigDecimal> byProviderUsd,
            Optional<BigDecimal> runCapUsd) throws BudgetExceededException {
        try (Connection connection = dataSource.getConnection()) {
            for (BudgetCap cap : applicableCaps(connection, project, byProviderUsd.keySet(),
                    runCapUsd, false)) {
                BigDecimal amount = cap.scope() == CapScope.PROVIDER_MONTH
                        ? byProviderUsd.getOrDefault(cap.subject(), BigDecimal.ZERO) : totalUsd;
                CapStatus status = cap.scope() == CapScope.RUN
                        ? new CapStatus(cap, BigDecimal.ZERO, BigDecimal.ZERO)
                        : status(connection, cap, Optional.empty());
                if (status.exceededBy(amount)) {
                    throw BudgetExceededException.forProjection(status, amount);
                }
            }
        } catch (SQLException e) {
            throw new BudgetException("Failed to check the budget of project " + project + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Returns a guard for one run of a project. Each guard has its own run id, so the run cap
     * counts only the calls of that run.
     */
    public SpendGuard guard(String project, Optional<BigDecimal> runCapUsd) {
        return new LedgerGuard(this, project, UUID.randomUUID().toString(), runCapUsd);
    }

    /**
     * Returns a guard for one run of a project whose ledger rows name the key alias each
     * provider's calls use, as {@code keyAliases} gives it for a provider id.
     */
    public SpendGuard guard(String project, Optional<BigDecimal> runCapUsd,
            Function<String, Optional<String>> keyAliases) {
        return new LedgerGuard(this, project, UUID.randomUUID().toString(), runCapUsd,
                keyAliases);
    }

    /** Returns the ledger rows, oldest first, of one project or of all. */
    public List<LedgerEntry> entries(Optional<String> project) {
        String sql = "SELECT " + LEDGER_COLUMNS + " FROM SPEND_LEDGER"
                + (project.isPresent() ? " WHERE PROJECT = ?" : "") + " ORDER BY ID";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            if (project.isPresent()) {
                statement.setString(1, project.get());
            }
            try (ResultSet row = statement.executeQuery()) {
                List<LedgerEntry> entries = new ArrayList<>();
                while (row.next()) {
                    entries.add(decode(row));
                }
                return entries;
            }
        } catch (SQLException e) {
            throw new BudgetException("Failed to read the spend ledger: " + e.getMessage(), e);
        }
    }

    /** Returns the RESERVED and PENDING rows, oldest first: calls in flight or of unknown outcome. */
    public List<LedgerEntry> openReservations() {
        String sql = "SELECT " + LEDGER_COLUMNS + " FROM SPEND_LEDGER"
                + " WHERE STATUS IN ('RESERVED', 'PENDING') ORDER BY ID";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet row = statement.executeQuery()) {
            List<LedgerEntry> entries = new ArrayList<>();
            while (row.next()) {
                entries.add(decode(row));
            }
            return entries;
        } catch (SQLException e) {
            throw new BudgetException("Failed to read the open reservations of the spend ledger: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Settles or releases the reservations of processes that are gone, deciding by the job
     * journal: a finished job settles at its projected cost, an open job stays reserved, and
     * anything else is released. A process is gone when it ran on this machine and has ended,
     * or, where liveness cannot be checked, when its row has not changed for
     * {@value #ORPHAN_HOURS} hours.
     *
     * @return every reservation of a gone process, with what was done and why
     */
    public List<ReconciledReservation> reconcile(JobJournal journal) {
        return reconcile(journal, Duration.ofHours(ORPHAN_HOURS), LedgerOwner.current());
    }

    List<ReconciledReservation> reconcile(JobJournal journal, Duration orphanAge,
            LedgerOwner observer) {
        try {
            return new LedgerReconciler(this, journal, orphanAge, observer).reconcile();
        } catch (SQLException e) {
            throw new BudgetException("Failed to reconcile the open reservations of the spend"
                    + " ledger: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the caps that apply to a project, its providers and the run, in primary key order.
     * With {@code lock}, the rows stay locked until the transaction ends, and every process locks
     * them in the same order.
     */
    List<BudgetCap> applicableCaps(Connection connection, String project,
            Iterable<String> providers, Optional<BigDecimal> runCapUsd, boolean lock)
            throws SQLException {
        List<String> providerList = new ArrayList<>();
        providers.forEach(providerList::add);
        StringBuilder sql = new StringBuilder("SELECT SCOPE, SUBJECT, LIMIT_USD FROM BUDGET_CAP"
                + " WHERE SCOPE = 'RUN' OR (SCOPE IN ('PROJECT_TOTAL', 'PROJECT_MONTH')"
                + " AND SUBJECT = ?)");
        if (!providerList.isEmpty()) {
            sql.append(" OR (SCOPE = 'PROVIDER_MONTH' AND SUBJECT IN (")
                    .append(String.join(", ", Collections.nCopies(providerList.size(), "?")))
                    .append("))");
        }
        sql.append(" ORDER BY SCOPE, SUBJECT");
        if (lock) {
            sql.append(" FOR UPDATE");
        }
        List<BudgetCap> caps;
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            statement.setString(1, project);
            for (int i = 0; i < providerList.size(); i++) {
                statement.setString(i + 2, providerList.get(i));
            }
            try (ResultSet row = statement.executeQuery()) {
                caps = readCaps(row);
            }
        }
        runCapUsd.ifPresent(limit -> caps.add(new BudgetCap(CapScope.RUN, "", limit)));
        return caps;
    }

    /** Sums what is spent and reserved under a cap in its period, optionally within one run. */
    CapStatus status(Connection connection, BudgetCap cap, Optional<String> runId)
            throws SQLException {
        String filter = switch (cap.scope()) {
            case RUN -> "RUN_ID = ?";
            case PROJECT_TOTAL, PROJECT_MONTH -> "PROJECT = ?";
            case PROVIDER_MONTH -> "PROVIDER = ?";
        };
        String sql = "SELECT COALESCE(SUM(CASE WHEN STATUS = 'SETTLED' THEN ACTUAL_USD END), 0),"
                + " COALESCE(SUM(CASE WHEN STATUS IN ('RESERVED', 'PENDING')"
                + " THEN PROJECTED_USD END), 0) FROM SPEND_LEDGER WHERE " + filter
                + (cap.scope().monthly() ? " AND CREATED_AT >= ?" : "");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, cap.scope() == CapScope.RUN ? runId.orElseThrow()
                    : cap.subject());
            if (cap.scope().monthly()) {
                statement.setObject(2, currentMonth().atDay(1).atStartOfDay()
                        .atOffset(ZoneOffset.UTC));
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return new CapStatus(cap, row.getBigDecimal(1), row.getBigDecimal(2));
            }
        }
    }

    private static List<BudgetCap> readCaps(ResultSet row) throws SQLException {
        List<BudgetCap> caps = new ArrayList<>();
        while (row.next()) {
            caps.add(new BudgetCap(CapScope.valueOf(row.getString(1)), row.getString(2),
                    row.getBigDecimal(3)));
        }
        return caps;
    }

    static LedgerEntry decode(ResultSet row) throws SQLException {
        Instant created = row.getObject("CREATED_AT", OffsetDateTime.class).toInstant();
        return new LedgerEntry(row.getLong("ID"), created, row.getString("RUN_ID").strip(),
                row.getString("PROJECT"), row.getString("PROVIDER"), row.getString("MODEL"),
                Optional.ofNullable(row.getString("KEY_ALIAS")), row.getString("NODE_ID"),
                row.getString("ITEM_KEY"), row.getString("CACHE_KEY"),
                row.getBigDecimal("PROJECTED_USD").stripTrailingZeros(),
                Optional.ofNullable(row.getBigDecimal("ACTUAL_USD"))
                        .map(BigDecimal::stripTrailingZeros),
                LedgerStatus.valueOf(row.getString("STATUS")),
                Optional.ofNullable(row.getString("PROVIDER_REQUEST_ID")));
    }
}

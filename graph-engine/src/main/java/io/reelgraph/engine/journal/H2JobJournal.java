package io.reelgraph.engine.journal;

import io.reelgraph.engine.cache.CacheKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job journal in the {@code JOB_JOURNAL} table of the result cache database, so that runs in
 * several processes on one database see each other's jobs. The table is created by the Flyway
 * migration {@code V2__job_journal.sql}, which runs when the cache opens.
 */
public final class H2JobJournal implements JobJournal {

    private static final Logger LOG = LoggerFactory.getLogger(H2JobJournal.class);

    private static final String COLUMNS = "CACHE_KEY, PROVIDER, MODEL, STATUS, PROVIDER_JOB_ID,"
            + " PROVIDER_REQUEST_ID, POLL_URL, RESULT_URL, CANCEL_URL, CREATED_AT, UPDATED_AT,"
            + " OWNER";

    /**
     * The default time after which another owner's SUBMITTING entry counts as stale. It is well
     * above the 120 second default read timeout of a submit, so a slow but live submit is not
     * mistaken for a crashed one.
     *
     * <p>NOTE: a submit that the HTTP client retries after 429 or 5xx can stay SUBMITTING
     * longer than one read timeout; ten minutes is an estimate, not a measured bound.
     */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(10);

    private final DataSource dataSource;
    private final String owner;
    private final Duration staleAfter;

    /** Creates a journal on a database that the result cache has already migrated. */
    public H2JobJournal(DataSource dataSource) {
        this(dataSource, DEFAULT_STALE_AFTER);
    }

    /**
     * Creates a journal whose claims carry a new owner id made of the process id and a random
     * UUID, so two journals never share an owner even within one process.
     *
     * @param staleAfter how long another owner's SUBMITTING entry counts as in flight
     */
    public H2JobJournal(DataSource dataSource, Duration staleAfter) {
        if (staleAfter.isNegative()) {
            throw new IllegalArgumentException("staleAfter must not be negative: " + staleAfter);
        }
        this.dataSource = dataSource;
        this.owner = "pid " + ProcessHandle.current().pid() + " journal " + UUID.randomUUID();
        this.staleAfter = staleAfter;
    }

    @Override
    public String owner() {
        return owner;
    }

    @Override
    public Duration staleAfter() {
        return staleAfter;
    }

    @Override
    public Optional<JobEntry> find(CacheKey key) {
        String sql = "SELECT " + COLUMNS + " FROM JOB_JOURNAL WHERE CACHE_KEY = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key.hex());
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(decode(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read the job journal entry of cache key", key, e);
        }
    }

    @Override
    public List<JobEntry> open() {
        String sql = "SELECT " + COLUMNS + " FROM JOB_JOURNAL"
                + " WHERE STATUS IN ('SUBMITTING', 'SUBMITTED', 'AMBIGUOUS') ORDER BY CREATED_AT";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet row = statement.executeQuery()) {
            List<JobEntry> entries = new ArrayList<>();
            while (row.next()) {
                entries.add(decode(row));
            }
            return entries;
        } catch (SQLException e) {
            throw new JournalException("Failed to list the open jobs of the job journal: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void submitting(CacheKey key, String provider, String model) {
        String sql = "MERGE INTO JOB_JOURNAL (" + COLUMNS + ") KEY (CACHE_KEY)"
                + " VALUES (?, ?, ?, 'SUBMITTING', NULL, NULL, NULL, NULL, NULL, ?, ?, ?)";
        OffsetDateTime now = now();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key.hex());
            statement.setString(2, provider);
            statement.setString(3, model);
            statement.setObject(4, now);
            statement.setObject(5, now);
            statement.setString(6, owner);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw failure("record the submit of cache key", key, e);
        }
    }

    /**
     * Claims a key with a plain INSERT when no entry was seen, so the primary key decides between
     * racing processes. A seen entry is replaced by one UPDATE whose condition repeats the seen
     * status, owner and update time. H2 2.3 re-checks that condition after taking the row lock,
     * so of two racing updates only the first matches.
     */
    @Override
    public boolean claim(CacheKey key, String provider, String model, Optional<JobEntry> seen) {
        try (Connection connection = dataSource.getConnection()) {
            return seen.isEmpty() ? insertClaim(connection, key, provider, model)
                    : replaceClaim(connection, seen.get(), provider, model);
        } catch (SQLException e) {
            throw failure("claim the submit of cache key", key, e);
        }
    }

    private boolean insertClaim(Connection connection, CacheKey key, String provider,
            String model) throws SQLException {
        String sql = "INSERT INTO JOB_JOURNAL (" + COLUMNS + ")"
                + " VALUES (?, ?, ?, 'SUBMITTING', NULL, NULL, NULL, NULL, NULL, ?, ?, ?)";
        OffsetDateTime now = now();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key.hex());
            statement.setString(2, provider);
            statement.setString(3, model);
            statement.setObject(4, now);
            statement.setObject(5, now);
            statement.setString(6, owner);
            statement.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.DUPLICATE_KEY_1) {
                return false;
            }
            throw e;
        }
    }

    private boolean replaceClaim(Connection connection, JobEntry seen, String provider,
            String model) throws SQLException {
        String sql = "UPDATE JOB_JOURNAL SET PROVIDER = ?, MODEL = ?, STATUS = 'SUBMITTING',"
                + " PROVIDER_JOB_ID = NULL, PROVIDER_REQUEST_ID = NULL, POLL_URL = NULL,"
                + " RESULT_URL = NULL, CANCEL_URL = NULL, CREATED_AT = ?, UPDATED_AT = ?,"
                + " OWNER = ? WHERE CACHE_KEY = ? AND STATUS = ? AND UPDATED_AT = ?"
                + " AND OWNER IS NOT DISTINCT FROM ?";
        OffsetDateTime now = now();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, provider);
            statement.setString(2, model);
            statement.setObject(3, now);
            statement.setObject(4, now);
            statement.setString(5, owner);
            statement.setString(6, seen.cacheKey().hex());
            statement.setString(7, seen.status().name());
            statement.setObject(8, seen.updatedAt().atOffset(ZoneOffset.UTC));
            statement.setString(9, seen.owner().orElse(null));
            return statement.executeUpdate() == 1;
        }
    }

    /**
     * Takes the entry over with one UPDATE whose condition repeats the seen status, owner and
     * update time, like {@link #claim}, so of two racing takeovers only the first matches.
     */
    @Override
    public boolean adopt(CacheKey key, JobEntry seen) {
        String sql = "UPDATE JOB_JOURNAL SET OWNER = ?, UPDATED_AT = ? WHERE CACHE_KEY = ?"
                + " AND STATUS = ? AND UPDATED_AT = ? AND OWNER IS NOT DISTINCT FROM ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, owner);
            statement.setObject(2, now());
            statement.setString(3, key.hex());
            statement.setString(4, seen.status().name());
            statement.setObject(5, seen.updatedAt().atOffset(ZoneOffset.UTC));
            statement.setString(6, seen.owner().orElse(null));
            boolean adopted = statement.executeUpdate() == 1;
            if (adopted) {
                LOG.info("Took over job journal entry of cache key {} ({}) from {}",
                        key.shortForm(), seen.status(), seen.owner().orElse("an earlier run"));
            }
            return adopted;
        } catch (SQLException e) {
            throw failure("take over the job journal entry of cache key", key, e);
        }
    }

    @Override
    public void submitted(CacheKey key, ProviderJob job) {
        boolean written = update(key, "STATUS = 'SUBMITTED', PROVIDER_JOB_ID = ?,"
                + " PROVIDER_REQUEST_ID = ?, POLL_URL = ?, RESULT_URL = ?, CANCEL_URL = ?",
                job.providerJobId(), job.providerRequestId().orElse(null),
                job.pollUrl().orElse(null), job.resultUrl().orElse(null),
                job.cancelUrl().orElse(null));
        if (!written) {
            // The provider accepted a paid job that no entry records, so the log names it.
            LOG.error("Provider job {} of cache key {} was not recorded because another owner"
                    + " took the job journal entry over; check the provider's dashboard for a"
                    + " duplicate job", job.providerJobId(), key.shortForm());
            throw lostClaim(key);
        }
    }

    @Override
    public void ambiguous(CacheKey key, Optional<String> providerRequestId) {
        if (!update(key, "STATUS = 'AMBIGUOUS', PROVIDER_REQUEST_ID = ?",
                providerRequestId.orElse(null))) {
            LOG.error("The ambiguous submit of cache key {} (request id {}) was not recorded"
                    + " because another owner took the job journal entry over", key.shortForm(),
                    providerRequestId.orElse("none"));
            throw lostClaim(key);
        }
    }

    @Override
    public void done(CacheKey key) {
        if (!update(key, "STATUS = 'DONE'")) {
            LOG.info("Left job journal entry of cache key {} to its new owner instead of marking"
                    + " it DONE", key.shortForm());
        }
    }

    @Override
    public void failed(CacheKey key) {
        if (!update(key, "STATUS = 'FAILED'")) {
            LOG.info("Left job journal entry of cache key {} to its new owner instead of marking"
                    + " it FAILED", key.shortForm());
        }
    }

    @Override
    public void forget(CacheKey key) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "DELETE FROM JOB_JOURNAL WHERE CACHE_KEY = ?")) {
            statement.setString(1, key.hex());
            statement.executeUpdate();
        } catch (SQLException e) {
            throw failure("remove the job journal entry of cache key", key, e);
        }
    }

    /**
     * Updates the entry only while this journal owns it, so a process that lost its claim never
     * overwrites the entry of the owner that took over.
     *
     * @return true when the entry was written; false when another owner has it
     * @throws JournalException when the key has no entry at all
     */
    private boolean update(CacheKey key, String assignments, String... values) {
        String sql = "UPDATE JOB_JOURNAL SET " + assignments + ", UPDATED_AT = ?"
                + " WHERE CACHE_KEY = ? AND OWNER = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            for (String value : values) {
                statement.setString(index++, value);
            }
            statement.setObject(index++, now());
            statement.setString(index++, key.hex());
            statement.setString(index, owner);
            if (statement.executeUpdate() == 1) {
                return true;
            }
        } catch (SQLException e) {
            throw failure("update the job journal entry of cache key", key, e);
        }
        if (find(key).isEmpty()) {
            throw new JournalException("The job journal has no entry for cache key "
                    + key.shortForm() + "; record the submit before its outcome", null);
        }
        return false;
    }

    private JobClaimedException lostClaim(CacheKey key) {
        return new JobClaimedException(find(key).orElseThrow(() -> new JournalException(
                "The job journal entry of cache key " + key.shortForm() + " was removed while"
                        + " this run had its submit in flight", null)));
    }

    private static JobEntry decode(ResultSet row) throws SQLException {
        String jobId = row.getString("PROVIDER_JOB_ID");
        Optional<String> requestId = Optional.ofNullable(row.getString("PROVIDER_REQUEST_ID"));
        Optional<ProviderJob> job = jobId == null ? Optional.empty()
                : Optional.of(new ProviderJob(jobId, requestId,
                        Optional.ofNullable(row.getString("POLL_URL")),
                        Optional.ofNullable(row.getString("RESULT_URL")),
                        Optional.ofNullable(row.getString("CANCEL_URL"))));
        return new JobEntry(new CacheKey(row.getString("CACHE_KEY")), row.getString("PROVIDER"),
                row.getString("MODEL"), JobStatus.valueOf(row.getString("STATUS")), job, requestId,
                instant(row, "CREATED_AT"), instant(row, "UPDATED_AT"),
                Optional.ofNullable(row.getString("OWNER")));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static JournalException failure(String action, CacheKey key, SQLException e) {
        return new JournalException("Failed to " + action + " " + key.shortForm() + ": "
                + e.getMessage(), e);
    }
}

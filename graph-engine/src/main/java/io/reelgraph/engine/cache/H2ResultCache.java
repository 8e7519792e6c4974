package io.reelgraph.engine.cache;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.artifact.CanonicalJson;
import io.reelgraph.engine.artifact.ContentHash;
import io.reelgraph.engine.artifact.JsonSupport;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The result cache in an H2 database, with media in a {@link BlobStore}. The schema is managed
 * by Flyway migrations under {@code db/migration}.
 */
public final class H2ResultCache implements ResultCache {

    private static final Logger LOG = LoggerFactory.getLogger(H2ResultCache.class);

    private final String description;
    private final JdbcConnectionPool pool;
    private final BlobStore blobs;

    private H2ResultCache(String jdbcUrl, String description, BlobStore blobs) {
        this.description = description;
        this.blobs = blobs;
        this.pool = JdbcConnectionPool.create(jdbcUrl, "reelgraph", "");
        this.pool.setMaxConnections(16);
        migrate();
    }

    /**
     * Opens (creating if needed) the cache under a folder: {@code cache.mv.db} and {@code blobs/}.
     *
     * @throws CacheException if another process has the database open, or the folder is not writable
     */
    public static H2ResultCache open(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (java.io.IOException e) {
            throw new CacheException("Failed to create the cache folder " + absolute
                    + ": check that it is writable", e);
        }
        // The program closes the cache itself: H2's own close at JVM shutdown would come before
        // a cancelled run has committed the results still in flight.
        String url = "jdbc:h2:file:" + absolute.resolve("cache")
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        return new H2ResultCache(url, absolute.resolve("cache.mv.db").toString(),
                new BlobStore(absolute.resolve("blobs")));
    }

    /** Opens a cache on a given JDBC URL, such as a shared H2 server, with a blob folder. */
    public static H2ResultCache open(String jdbcUrl, Path blobFolder) {
        // An embedded file database must write each commit at once, or a killed process loses
        // results that were reported done.
        String url = jdbcUrl;
        if (url.startsWith("jdbc:h2:file:") && !url.toUpperCase(java.util.Locale.ROOT)
                .contains("WRITE_DELAY=")) {
            url += ";WRITE_DELAY=0";
        }
        return new H2ResultCache(url, jdbcUrl, new BlobStore(blobFolder));
    }

    public BlobStore blobs() {
        return blobs;
    }

    /**
     * Returns the connection pool of the cache database, for stores that share it, such as the
     * job journal. The pool closes with this cache.
     */
    public javax.sql.DataSource dataSource() {
        return pool;
    }

    private void migrate() {
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .loggers("slf4j")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            pool.dispose();
            throw describeOpenFailure(e);
        }
    }

    private CacheException describeOpenFailure(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && (sql.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1
                    || sql.getErrorCode() == ErrorCode.FILE_CORRUPTED_1)) {
                String reason = sql.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1
                        ? "is in use by another Reelgraph process; wait for it to finish or "
                        + "point REELGRAPH_HOME elsewhere"
                        : "is damaged; move it aside to start an empty cache";
                return new CacheException("The cache database " + description + " " + reason, sql);
            }
        }
        return new CacheException("Failed to open the cache database " + description + ": "
                + failure.getMessage(), failure);
    }

    @Override
    public Optional<CachedResult> lookup(CacheKey key) {
        String sql = "SELECT NODE_TYPE, TYPE_VERSION, OUTPUTS, FILES, PROVIDER, MODEL, DRAFT, "
                + "PROJECTED_USD, ACTUAL_USD, PROVIDER_REQUEST_ID, CREATED_AT, MANIFEST "
                + "FROM RESULT WHERE CACHE_KEY = ?";
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key.hex());
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(decode(key, row));
            }
        } catch (SQLException e) {
            throw new CacheException("Failed to look up cache key " + key.shortForm() + " in "
                    + description + ": " + e.getMessage(), e);
        }
    }

    private CachedResult decode(CacheKey key, ResultSet row) throws SQLException {
        JsonNode outputs = JsonSupport.parseTrusted(row.getString("OUTPUTS"));
        JsonNode files = JsonSupport.parseTrusted(row.getString("FILES"));
        return new CachedResult(key, row.getString("NODE_TYPE"), row.getInt("TYPE_VERSION"),
                ResultCodec.decodeOutputs(outputs, this::requireBlob),
                ResultCodec.decodeFiles(files, this::requireBlob),
                Optional.ofNullable(row.getString("PROVIDER")),
                Optional.ofNullable(row.getString("MODEL")),
                row.getBoolean("DRAFT"),
                exact(row.getBigDecimal("PROJECTED_USD")),
                Optional.ofNullable(row.getBigDecimal("ACTUAL_USD")).map(H2ResultCache::exact),
                Optional.ofNullable(row.getString("PROVIDER_REQUEST_ID")),
                row.getObject("CREATED_AT", OffsetDateTime.class).toInstant(),
                JsonSupport.parseTrusted(row.getString("MANIFEST")));
    }

    /**
     * Drops the zeros the column's twelve decimals add, so an amount reads back as it was
     * written: $0.04 stays 0.04, and a whole amount keeps scale 0 rather than 1E+1.
     */
    private static BigDecimal exact(BigDecimal stored) {
        BigDecimal stripped = stored.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private byte[] requireBlob(ContentHash hash, String mediaType) {
        return blobs.read(hash).orElseThrow(() -> new CacheException("Blob " + hash.shortForm()
                + " (" + mediaType + ") is missing from " + blobs.root()
                + "; the cached result cannot be used"));
    }

    @Override
    public void commit(CachedResult result) {
        commitAll(List.of(result));
    }

    /**
     * Stores results in one transaction. Blobs are written and synced first, then the rows
     * committed: a crash in between leaves an unreferenced blob, never a row that points at a
     * missing one. A key that is already stored keeps its first result.
     */
    @Override
    public void commitAll(List<CachedResult> results) {
        for (CachedResult result : results) {
            for (Artifact artifact : ResultCodec.blobArtifacts(result)) {
                blobs.write(artifact.hash(), artifact.bytesUnsafe());
            }
        }
        String sql = "INSERT INTO RESULT (CACHE_KEY, NODE_TYPE, TYPE_VERSION, OUTPUTS, FILES, "
                + "PROVIDER, MODEL, DRAFT, PROJECTED_USD, ACTUAL_USD, PROVIDER_REQUEST_ID, "
                + "CREATED_AT, MANIFEST) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        CachedResult current = null;
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            connection.setAutoCommit(false);
            try {
                for (CachedResult result : results) {
                    current = result;
                    insert(statement, result);
                }
                connection.commit();
                syncToDisk(connection);
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            String which = current == null ? results.size() + " results"
                    : "result " + current.key().shortForm() + " of node type " + current.nodeType();
            throw new CacheException("Failed to commit " + which + " to " + description + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Forces the committed rows to the storage device. H2 writes a commit to the file at once
     * with {@code WRITE_DELAY=0} but syncs only at close, so without this a power loss could
     * drop a result that was already reported done; a killed process loses nothing either way.
     */
    private static void syncToDisk(Connection connection) throws SQLException {
        try (var sync = connection.createStatement()) {
            sync.execute("CHECKPOINT SYNC");
        }
    }

    private static void insert(PreparedStatement statement, CachedResult result)
            throws SQLException {
        statement.setString(1, result.key().hex());
        statement.setString(2, result.nodeType());
        statement.setInt(3, result.typeVersion());
        statement.setString(4, CanonicalJson.text(ResultCodec.encodeOutputs(result.outputs())));
        statement.setString(5, CanonicalJson.text(ResultCodec.encodeFiles(result.files())));
        statement.setString(6, result.provider().orElse(null));
        statement.setString(7, result.model().orElse(null));
        statement.setBoolean(8, result.draft());
        statement.setBigDecimal(9, result.projectedUsd());
        statement.setBigDecimal(10, result.actualUsd().orElse(null));
        statement.setString(11, result.providerRequestId().orElse(null));
        statement.setObject(12, OffsetDateTime.ofInstant(result.createdAt(), ZoneOffset.UTC));
        statement.setString(13, CanonicalJson.text(result.manifest()));
        try {
            statement.executeUpdate();
        } catch (SQLException e) {
            // Another run or process committed the same key first; identical keys mean
            // interchangeable results, so the first one stays.
            if (e.getErrorCode() != ErrorCode.DUPLICATE_KEY_1) {
                throw e;
            }
        }
    }

    @Override
    public Optional<Artifact> artifact(ContentHash hash, String mediaType) {
        if (!blobs.contains(hash)) {
            return Optional.empty();
        }
        long size;
        try {
            size = Files.size(blobs.pathOf(hash));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        return Optional.of(Artifact.lazy(hash, mediaType, size, false,
                () -> requireBlob(hash, mediaType)));
    }

    @Override
    public Optional<HistoryEntry> history(String graphId, String nodeId, String itemKey) {
        String sql = "SELECT CACHE_KEY, MANIFEST FROM NODE_HISTORY "
                + "WHERE GRAPH_ID = ? AND NODE_ID = ? AND ITEM_KEY = ?";
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, graphId);
            statement.setString(2, nodeId);
            statement.setString(3, itemKey);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new HistoryEntry(graphId, nodeId, itemKey,
                        new CacheKey(row.getString(1)), JsonSupport.parseTrusted(row.getString(2))));
            }
        } catch (SQLException e) {
            throw new CacheException("Failed to read the history of node " + nodeId + " from "
                    + description + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void recordHistory(List<HistoryEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        String sql = "MERGE INTO NODE_HISTORY (GRAPH_ID, NODE_ID, ITEM_KEY, CACHE_KEY, MANIFEST, "
                + "UPDATED_AT) KEY (GRAPH_ID, NODE_ID, ITEM_KEY) VALUES (?, ?, ?, ?, ?, ?)";
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            connection.setAutoCommit(false);
            Timestamp now = Timestamp.from(Instant.now());
            for (HistoryEntry entry : entries) {
                statement.setString(1, entry.graphId());
                statement.setString(2, entry.nodeId());
                statement.setString(3, entry.itemKey());
                statement.setString(4, entry.key().hex());
                statement.setString(5, CanonicalJson.text(entry.manifest()));
                statement.setTimestamp(6, now);
                statement.addBatch();
            }
            statement.executeBatch();
            connection.commit();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.warn("Failed to record node history in {}: {}", description, e.getMessage());
        }
    }

    @Override
    public long size() {
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM RESULT");
                ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new CacheException("Failed to count results in " + description, e);
        }
    }

    @Override
    public void close() {
        pool.dispose();
    }
}

package io.reelgraph.app;

import java.nio.file.Path;

/**
 * The folder where Reelgraph keeps user data: the result cache, blobs and logs. It is the
 * {@code reelgraph.home} system property, else the {@code REELGRAPH_HOME} environment variable,
 * else {@code ~/.reelgraph}. The property comes first so that tests can point each run at a
 * folder of their own.
 */
public final class Home {

    public static final String ENVIRONMENT_VARIABLE = "REELGRAPH_HOME";
    public static final String PROPERTY = "reelgraph.home";

    private Home() {
    }

    public static Path folder() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENVIRONMENT_VARIABLE);
        }
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return Path.of(System.getProperty("user.home"), ".reelgraph");
    }

    /** Returns the key vault file, {@code keys.vault} in the home folder. */
    public static Path vaultFile() {
        return folder().resolve("keys.vault");
    }

    public static Path cacheFolder() {
        return folder().resolve("cache");
    }

    /** Points the log file at the home folder; call before the first logger is created. */
    public static void prepareLogging() {
        if (System.getProperty("reelgraph.logs") == null) {
            System.setProperty("reelgraph.logs", folder().resolve("logs").toString());
        }
    }
}

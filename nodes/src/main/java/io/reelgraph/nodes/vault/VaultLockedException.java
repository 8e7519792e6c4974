package io.reelgraph.nodes.vault;

import java.nio.file.Path;
import java.time.Duration;

/** Another process kept the vault's lock file locked for longer than the wait limit. */
public final class VaultLockedException extends VaultException {

    private static final long serialVersionUID = 1L;

    VaultLockedException(Path file, Path lockFile, Duration waited) {
        super(file, file + ": the key vault is locked by another process (lock file " + lockFile
                + "); timed out after " + waited.toMillis() + " ms. Wait for the other"
                + " Reelgraph command to finish and try again.");
    }
}

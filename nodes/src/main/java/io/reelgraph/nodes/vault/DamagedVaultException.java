package io.reelgraph.nodes.vault;

import java.nio.file.Path;

/**
 * The vault file is not a vault this build can read: bad magic, an unknown format version, a
 * truncated file, an altered header or altered ciphertext.
 */
public final class DamagedVaultException extends VaultException {

    private static final long serialVersionUID = 1L;

    DamagedVaultException(Path file, String problem) {
        super(file, file + ": the key vault is damaged (" + problem + "); it was not changed."
                + " Restore it from a backup, or move it away and add the keys again.");
    }

    DamagedVaultException(Path file, String problem, Throwable cause) {
        super(file, file + ": the key vault is damaged (" + problem + "); it was not changed."
                + " Restore it from a backup, or move it away and add the keys again.", cause);
    }
}

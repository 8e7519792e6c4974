package io.reelgraph.nodes.vault;

import java.nio.file.Path;

/**
 * A failure to read or change the key vault. Messages name the vault file and never contain key
 * material: no passphrase, no derived key and no secret.
 */
public class VaultException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public VaultException(Path file, String message) {
        super(message);
        this.file = file;
    }

    public VaultException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** Returns the vault file the failure is about. */
    public Path file() {
        return file;
    }
}

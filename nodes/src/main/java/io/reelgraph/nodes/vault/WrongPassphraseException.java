package io.reelgraph.nodes.vault;

import java.nio.file.Path;

/** The passphrase does not open the vault, and the vault header is intact. */
public final class WrongPassphraseException extends VaultException {

    private static final long serialVersionUID = 1L;

    WrongPassphraseException(Path file) {
        super(file, file + ": wrong passphrase; the vault was not changed. Enter the passphrase"
                + " the vault was created with.");
    }
}

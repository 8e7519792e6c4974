package io.reelgraph.nodes.vault;

import java.nio.file.Path;

/**
 * A change to the vault's entries or bindings that does not fit what is stored: an alias that
 * does not exist or already exists, or a binding to a key of another provider or project.
 */
public final class KeyEntryException extends VaultException {

    private static final long serialVersionUID = 1L;

    KeyEntryException(Path file, String message) {
        super(file, message);
    }
}

/**
 * The key vault: provider API keys stored in one file, encrypted with AES-256-GCM under a key
 * derived from the user's passphrase with Argon2id, with aliases and per-project bindings.
 */
@NullMarked
package io.reelgraph.nodes.vault;

import org.jspecify.annotations.NullMarked;

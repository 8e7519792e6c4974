package io.reelgraph.app.cli;

import io.reelgraph.engine.money.LedgerEntry;
import java.time.ZoneOffset;

/** The grouping of ledger rows for {@code spend --by}; picocli matches the lower-case names. */
public enum SpendGrouping {
    project,
    provider,
    model,
    alias,
    day;

    /** Returns the group of one ledger row. */
    public String of(LedgerEntry entry) {
        return switch (this) {
            case project -> entry.project();
            case provider -> entry.provider();
            case model -> entry.provider() + "/" + entry.model();
            case alias -> entry.keyAlias().orElse("(unknown)");
            case day -> entry.createdAt().atOffset(ZoneOffset.UTC).toLocalDate().toString();
        };
    }
}

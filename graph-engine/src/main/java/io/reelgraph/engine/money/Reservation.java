package io.reelgraph.engine.money;

/**
 * A reserved paid call: the spend ledger row that holds its projected cost.
 *
 * @param ledgerId the id of the spend ledger row
 */
public record Reservation(long ledgerId, SpendRequest request) {
}

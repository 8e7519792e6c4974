package io.reelgraph.engine.money;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Guards the money of a run: the engine reserves each paid call before it is sent and settles or
 * releases it afterwards. Draft and free work items never reach the guard. Implementations are
 * called from several pool threads at once.
 */
public interface SpendGuard {

    /**
     * Reserves the projected cost of one call against every cap that applies to it.
     *
     * @throws BudgetExceededException if the reservation would break a cap; nothing is reserved
     *     and the call must not be sent
     */
    Reservation reserve(SpendRequest request) throws BudgetExceededException;

    /** Records that the call returned, with its actual cost, else the projection. */
    void settle(Reservation reservation, Optional<BigDecimal> actualUsd,
            Optional<String> providerRequestId);

    /** Releases the reservation of a call that failed before the provider charged for it. */
    void release(Reservation reservation);

    /** Keeps the reservation of a call whose outcome is unknown, such as a timeout after submit. */
    void pending(Reservation reservation, Optional<String> providerRequestId);

    /** Records a cache hit of a paid work item, which saves its projected cost. */
    void cached(SpendRequest request);
}

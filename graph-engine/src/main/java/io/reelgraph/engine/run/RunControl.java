package io.reelgraph.engine.run;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Cancels a run from another thread. Cancelling stops scheduling, interrupts provider calls in
 * flight and keeps every finished result in the cache.
 */
public final class RunControl {

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile Runnable onCancel = () -> {
    };

    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            onCancel.run();
        }
    }

    public boolean cancelled() {
        return cancelled.get();
    }

    void onCancel(Runnable action) {
        this.onCancel = action;
        if (cancelled.get()) {
            action.run();
        }
    }
}

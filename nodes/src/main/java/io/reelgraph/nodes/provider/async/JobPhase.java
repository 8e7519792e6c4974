package io.reelgraph.nodes.provider.async;

/** A provider job's state, normalized from the provider's own status names. */
public enum JobPhase {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED, MODERATED;

    public boolean finished() {
        return this != QUEUED && this != RUNNING;
    }
}

package io.reelgraph.engine.run;

import io.reelgraph.engine.artifact.Artifact;
import java.util.Optional;

/**
 * One item on an output port while a graph is evaluated: ready with its artifact, pending
 * because the work item that makes it has not run, or failed.
 */
record Slot(String key, Optional<Artifact> artifact, Optional<String> failure) {

    static Slot ready(String key, Artifact artifact) {
        return new Slot(key, Optional.of(artifact), Optional.empty());
    }

    static Slot pending(String key) {
        return new Slot(key, Optional.empty(), Optional.empty());
    }

    static Slot failed(String key, String failure) {
        return new Slot(key, Optional.empty(), Optional.of(failure));
    }

    boolean isReady() {
        return artifact.isPresent();
    }

    boolean isFailed() {
        return failure.isPresent();
    }

    /** Returns a short text that changes whenever the slot's content or state changes. */
    String signature() {
        if (artifact.isPresent()) {
            return key + "=" + artifact.get().hash().hex() + (artifact.get().draft() ? "d" : "");
        }
        return key + (failure.isPresent() ? "!" : "?");
    }
}

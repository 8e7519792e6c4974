package io.reelgraph.engine.run;

/**
 * Receives run events. Called from the run's coordinating thread, one event at a time, so an
 * implementation needs no locking of its own but must return quickly; a user interface hands
 * the event to its own thread.
 */
@FunctionalInterface
public interface RunListener {

    RunListener NONE = event -> {
    };

    void onEvent(RunEvent event);
}

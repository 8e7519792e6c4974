package io.reelgraph.nodes.provider.http;

import java.time.Duration;

/** Waits between retries and polls; tests pass one that records the waits instead. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());
}

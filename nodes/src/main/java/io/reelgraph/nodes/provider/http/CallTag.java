package io.reelgraph.nodes.provider.http;

import io.reelgraph.engine.type.WorkContext;
import java.util.Objects;

/**
 * The tag every provider request carries, so the shared interceptors know the work item to
 * report rate-limit waits to and whether the request may be retried.
 */
public record CallTag(WorkContext context, CallKind kind) {

    public CallTag {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(kind, "kind");
    }
}

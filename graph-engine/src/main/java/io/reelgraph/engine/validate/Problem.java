package io.reelgraph.engine.validate;

import io.reelgraph.engine.graph.NodeId;
import java.util.Optional;

/**
 * One problem found in a graph, with a stable code that tools can match on, a message a user
 * can act on, and the node and port it concerns.
 */
public record Problem(Severity severity, String code, String message, Optional<NodeId> node,
        Optional<String> port) {

    /** Masks anything in the message that looks like an API key, since messages quote input. */
    public Problem {
        message = io.reelgraph.engine.file.SecretPatterns.redact(message);
    }

    /** How serious a problem is: errors stop a run, warnings do not. */
    public enum Severity {
        ERROR, WARNING
    }

    public static Problem error(String code, String message, NodeId node, String port) {
        return new Problem(Severity.ERROR, code, message, Optional.ofNullable(node),
                Optional.ofNullable(port));
    }

    public static Problem error(String code, String message, NodeId node) {
        return error(code, message, node, null);
    }

    public static Problem graphError(String code, String message) {
        return new Problem(Severity.ERROR, code, message, Optional.empty(), Optional.empty());
    }

    public static Problem warning(String code, String message, NodeId node, String port) {
        return new Problem(Severity.WARNING, code, message, Optional.ofNullable(node),
                Optional.ofNullable(port));
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** Returns the problem as one line: {@code node keyframe, port prompt: message}. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        node.ifPresent(id -> text.append("node ").append(id));
        port.ifPresent(p -> text.append(text.length() > 0 ? ", " : "").append("port ").append(p));
        if (text.length() > 0) {
            text.append(": ");
        }
        return text.append(message).append(" [").append(code).append(']').toString();
    }
}

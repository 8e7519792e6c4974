package io.reelgraph.engine.validate;

/** The stable codes of validation problems; tools and tests match on these. */
public final class ProblemCodes {

    /** The graph file cannot be read or parsed; the message has the line and column. */
    public static final String INVALID_GRAPH_FILE = "INVALID_GRAPH_FILE";

    /** A {@code --set} value names no graph parameter, or does not fit its kind. */
    public static final String INVALID_BINDING = "INVALID_BINDING";

    /** A file that a node reads is missing, unreadable or outside the allowed folders. */
    public static final String FILE_NOT_READABLE = "FILE_NOT_READABLE";

    /** The node's type id is not registered; the node is kept as a placeholder. */
    public static final String UNKNOWN_NODE_TYPE = "UNKNOWN_NODE_TYPE";

    /** The node was saved with a newer version of its type than this program has. */
    public static final String NEWER_NODE_TYPE_VERSION = "NEWER_NODE_TYPE_VERSION";

    /** A connection ends at an input port that the target node's type does not have. */
    public static final String UNKNOWN_INPUT_PORT = "UNKNOWN_INPUT_PORT";

    /** A connection starts at an output port that the source node's type does not have. */
    public static final String UNKNOWN_OUTPUT_PORT = "UNKNOWN_OUTPUT_PORT";

    /** A connection joins an output and an input whose port types do not fit. */
    public static final String INCOMPATIBLE_PORTS = "INCOMPATIBLE_PORTS";

    /** More than one connection ends at the same input port. */
    public static final String INPUT_CONNECTED_TWICE = "INPUT_CONNECTED_TWICE";

    /** A connection refers to a node that the graph does not contain. */
    public static final String MISSING_NODE = "MISSING_NODE";

    /** Connections form a loop; the message names the nodes of one loop in order. */
    public static final String CYCLE = "CYCLE";

    /** A required input port has no connection. */
    public static final String MISSING_INPUT = "MISSING_INPUT";

    /** A required param is not set and has no default. */
    public static final String MISSING_PARAM = "MISSING_PARAM";

    /** A param value does not fit its spec (kind, range or allowed values). */
    public static final String INVALID_PARAM = "INVALID_PARAM";

    /** A param that the node's type does not define; a warning, because it is ignored. */
    public static final String UNKNOWN_PARAM = "UNKNOWN_PARAM";

    /** A param refers with {@code "$name"} to a graph parameter that the graph does not define. */
    public static final String UNKNOWN_GRAPH_PARAMETER = "UNKNOWN_GRAPH_PARAMETER";

    /** A string in the graph looks like an API key; a shared graph must never carry one. */
    public static final String SECRET_IN_GRAPH = "SECRET_IN_GRAPH";

    /**
     * A member of the graph file names an endpoint or contains a URL, such as a {@code baseUrl}
     * param; graph files may not choose where requests go.
     */
    public static final String ENDPOINT_IN_GRAPH = "ENDPOINT_IN_GRAPH";

    /** A param refers to a graph parameter that has no value in the bindings used to validate. */
    public static final String UNBOUND_GRAPH_PARAMETER = "UNBOUND_GRAPH_PARAMETER";

    /** A node type's own check threw an exception instead of returning problems. */
    public static final String NODE_TYPE_CHECK_FAILED = "NODE_TYPE_CHECK_FAILED";

    /** A subgraph exposes a param that its member node's type does not define. */
    public static final String UNKNOWN_EXPOSED_PARAM = "UNKNOWN_EXPOSED_PARAM";

    private ProblemCodes() {
    }
}

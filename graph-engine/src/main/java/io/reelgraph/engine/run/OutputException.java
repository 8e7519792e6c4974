package io.reelgraph.engine.run;

/** Writing a run's output files failed; the message names the file and what to do. */
public class OutputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OutputException(String message) {
        super(message);
    }

    public OutputException(String message, Throwable cause) {
        super(message, cause);
    }
}

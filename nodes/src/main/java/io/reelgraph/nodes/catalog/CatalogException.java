package io.reelgraph.nodes.catalog;

import java.util.List;

/** A model catalog file that cannot be read or contains invalid entries. */
public final class CatalogException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    CatalogException(String file, List<String> problems) {
        super(buildMessage(file, problems));
        this.problems = List.copyOf(problems);
    }

    CatalogException(String file, String problem, Throwable cause) {
        super(buildMessage(file, List.of(problem)), cause);
        this.problems = List.of(problem);
    }

    /** Returns each problem as one line that starts with the file and location. */
    public List<String> problems() {
        return problems;
    }

    private static String buildMessage(String file, List<String> problems) {
        StringBuilder message = new StringBuilder("Invalid model catalog ").append(file)
                .append(" (").append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems")
                .append("); fix the entries below or remove them:");
        for (String problem : problems) {
            message.append("\n  ").append(problem);
        }
        return message.toString();
    }
}

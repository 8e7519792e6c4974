package io.reelgraph.engine.validate;

import java.util.List;

/** Graph parameters could not be bound; contains every problem found, one message each. */
public final class BindingException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public BindingException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("A binding failure needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

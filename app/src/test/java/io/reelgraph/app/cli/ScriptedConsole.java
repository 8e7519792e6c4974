package io.reelgraph.app.cli;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A console for the {@code keys} command tests: a set environment, and typed or piped input
 * given in advance. It records the prompts it showed and every array it handed out, so tests
 * can check that the commands wiped them.
 */
final class ScriptedConsole implements KeysConsole {

    private final Map<String, String> environment = new HashMap<>();
    private final Deque<String> input = new ArrayDeque<>();
    private final boolean terminal;
    final List<String> prompts = new ArrayList<>();
    final List<char[]> handedOut = new ArrayList<>();

    private ScriptedConsole(boolean terminal) {
        this.terminal = terminal;
    }

    /** A console without a terminal, whose standard input yields the given lines. */
    static ScriptedConsole piped(String... lines) {
        ScriptedConsole console = new ScriptedConsole(false);
        console.input.addAll(List.of(lines));
        return console;
    }

    /** A console with a terminal, where the user types the given lines. */
    static ScriptedConsole terminal(String... lines) {
        ScriptedConsole console = new ScriptedConsole(true);
        console.input.addAll(List.of(lines));
        return console;
    }

    ScriptedConsole withEnvironment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    @Override
    public Optional<String> environment(String name) {
        return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
    }

    @Override
    public boolean hasTerminal() {
        return terminal;
    }

    @Override
    public char[] readHidden(String prompt) throws IOException {
        if (!terminal) {
            throw new IOException("no terminal is attached");
        }
        prompts.add(prompt);
        return next();
    }

    @Override
    public char[] readLine() throws IOException {
        return next();
    }

    private char[] next() throws IOException {
        if (input.isEmpty()) {
            throw new IOException("standard input is empty");
        }
        char[] line = input.removeFirst().toCharArray();
        handedOut.add(line);
        return line;
    }
}

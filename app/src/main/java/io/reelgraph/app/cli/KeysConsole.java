package io.reelgraph.app.cli;

import io.reelgraph.app.Workspace;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Optional;

/**
 * The source of the environment, the passphrase and secrets for the {@code keys} commands: a
 * passphrase source that can also read piped secrets from standard input.
 * Tests replace it, because Java cannot set environment variables or fake a terminal.
 */
interface KeysConsole extends Workspace.PassphraseSource {

    /**
     * Reads one line from standard input, for secrets piped in. The caller wipes the returned
     * array, which excludes the line break.
     *
     * @throws IOException when standard input is closed before any character or reading fails
     */
    char[] readLine() throws IOException;

    /** Returns the console of this process: its terminal, standard input and environment. */
    static KeysConsole system() {
        return new SystemKeysConsole(System.console(), System.in);
    }

    /** Reads from the process's console, standard input and environment. */
    final class SystemKeysConsole implements KeysConsole {

        private final Console console;
        private final InputStream in;

        SystemKeysConsole(Console console, InputStream in) {
            this.console = console;
            this.in = in;
        }

        @Override
        public Optional<String> environment(String name) {
            return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
        }

        @Override
        public boolean hasTerminal() {
            return console != null;
        }

        @Override
        public char[] readHidden(String prompt) throws IOException {
            if (console == null) {
                throw new IOException("no terminal is attached");
            }
            char[] line = console.readPassword("%s", prompt);
            if (line == null) {
                throw new IOException("the terminal input was closed");
            }
            return line;
        }

        // NOTE: the reader decodes standard input through its own buffer, which keeps piped bytes
        // until it is garbage collected.
        @Override
        public char[] readLine() throws IOException {
            // Reads character by character into an array that is wiped when it grows, so the
            // secret never sits in a String or a buffer that is left behind.
            Reader reader = new InputStreamReader(in, Charset.defaultCharset());
            char[] line = new char[128];
            int length = 0;
            int next = reader.read();
            if (next == -1) {
                throw new IOException("standard input is empty");
            }
            while (next != -1 && next != '\n') {
                if (length == line.length) {
                    char[] grown = Arrays.copyOf(line, line.length * 2);
                    Arrays.fill(line, '\0');
                    line = grown;
                }
                line[length++] = (char) next;
                next = reader.read();
            }
            char[] result = Arrays.copyOf(line, length);
            Arrays.fill(line, '\0');
            return result;
        }
    }
}

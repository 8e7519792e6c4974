package io.reelgraph.app.cli;

import io.reelgraph.engine.file.SecretPatterns;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * A writer for terminal output that masks anything shaped like an API key, so that a key pasted
 * into a screenplay or a param is never shown in full by a message that quotes it.
 */
final class RedactingWriter extends PrintWriter {

    RedactingWriter(Writer out) {
        super(out, true);
    }

    @Override
    public void write(String text, int offset, int length) {
        String redacted = SecretPatterns.redact(text.substring(offset, offset + length));
        super.write(redacted, 0, redacted.length());
    }

    @Override
    public void write(char[] buffer, int offset, int length) {
        write(new String(buffer, offset, length), 0, length);
    }
}

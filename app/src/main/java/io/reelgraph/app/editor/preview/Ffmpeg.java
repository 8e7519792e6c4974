package io.reelgraph.app.editor.preview;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code ffmpeg} program as a subprocess and returns what it writes to standard
 * output. The program is taken from the system property {@code reelgraph.ffmpeg} when set,
 * otherwise from the folders on {@code PATH}.
 */
public final class Ffmpeg {

    /** The system property that names the ffmpeg program to use. */
    public static final String PROPERTY = "reelgraph.ffmpeg";

    private static final long TIMEOUT_SECONDS = 30;
    private static final int ERROR_EXCERPT = 400;

    private final Path program;

    private Ffmpeg(Path program) {
        this.program = program;
    }

    /** Finds ffmpeg through {@link #PROPERTY} or {@code PATH}; empty when it is not installed. */
    public static Optional<Ffmpeg> locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(new Ffmpeg(path)) : Optional.empty();
        }
        String searchPath = System.getenv().getOrDefault("PATH", "");
        for (String folder : searchPath.split(java.io.File.pathSeparator)) {
            for (String name : List.of("ffmpeg", "ffmpeg.exe")) {
                Path candidate = Path.of(folder).resolve(name);
                if (!folder.isEmpty() && Files.isExecutable(candidate)) {
                    return Optional.of(new Ffmpeg(candidate));
                }
            }
        }
        return Optional.empty();
    }

    public Path program() {
        return program;
    }

    /**
     * Runs ffmpeg with {@code arguments} (after {@code -hide_banner -loglevel error -nostdin})
     * and returns its standard output.
     *
     * @throws MediaDecodeException when ffmpeg exits with an error, times out after 30 s or
     *     cannot start; the message quotes ffmpeg's error output
     */
    public byte[] run(Path input, List<String> arguments) throws MediaDecodeException {
        List<String> command = new ArrayList<>(List.of(program.toString(), "-hide_banner",
                "-loglevel", "error", "-nostdin"));
        command.addAll(arguments);
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new MediaDecodeException("Failed to start " + program + " to decode " + input
                    + ": " + e.getMessage() + ". Check that ffmpeg is installed.", e);
        }
        // Both streams are drained at once, so a full error pipe cannot block the output.
        CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(
                () -> readAll(process.getErrorStream()));
        byte[] output;
        try {
            output = readAll(process.getInputStream());
        } catch (UncheckedIOException e) {
            process.destroyForcibly();
            throw new MediaDecodeException("Failed to read the output of ffmpeg for " + input,
                    e.getCause());
        }
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new MediaDecodeException("ffmpeg timed out after " + TIMEOUT_SECONDS
                        + " s decoding " + input);
            }
            String message = new String(errors.get(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new MediaDecodeException("ffmpeg failed to decode " + input + " (exit "
                        + process.exitValue() + "): " + excerpt(message));
            }
            return output;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new MediaDecodeException("Decoding " + input + " was interrupted", e);
        } catch (ExecutionException e) {
            throw new MediaDecodeException("Failed to read the error output of ffmpeg for "
                    + input, e.getCause());
        }
    }

    private static byte[] readAll(InputStream stream) {
        try (stream; ByteArrayOutputStream buffer = new ByteArrayOutputStream()) {
            stream.transferTo(buffer);
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String excerpt(String message) {
        if (message.isEmpty()) {
            return "no error output";
        }
        return message.length() <= ERROR_EXCERPT ? message
                : message.substring(0, ERROR_EXCERPT) + "…";
    }
}

package io.reelgraph.app.editor;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads whether the operating system prefers a dark theme, by asking the desktop's own settings
 * tool: {@code gsettings} on GNOME, {@code defaults} on macOS and {@code reg} on Windows. Each
 * command runs at most {@link #TIMEOUT_SECONDS} and only if it is on the {@code PATH}. Call it
 * off the event dispatch thread, because it starts a process.
 */
final class SystemTheme {

    static final long TIMEOUT_SECONDS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(SystemTheme.class);
    private static final String WINDOWS_KEY =
            "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize";

    private SystemTheme() {
    }

    /** Returns the OS preference, or empty where it cannot be read. */
    static Optional<Boolean> prefersDark() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            // The key exists only in dark mode, so a failed read means light.
            return Optional.of(run(List.of("defaults", "read", "-g", "AppleInterfaceStyle"))
                    .map(SystemTheme::macOsDark).orElse(false));
        }
        if (os.contains("win")) {
            return run(List.of("reg", "query", WINDOWS_KEY, "/v", "AppsUseLightTheme"))
                    .flatMap(SystemTheme::windowsDark);
        }
        Optional<Boolean> scheme = run(List.of("gsettings", "get", "org.gnome.desktop.interface",
                "color-scheme")).flatMap(SystemTheme::gnomeColorSchemeDark);
        if (scheme.isPresent()) {
            return scheme;
        }
        // GNOME before 42 has no color-scheme key; a dark GTK theme is named "...-dark".
        return run(List.of("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme"))
                .map(theme -> theme.toLowerCase(Locale.ROOT).contains("dark"));
    }

    /** Parses {@code gsettings get org.gnome.desktop.interface color-scheme} output. */
    static Optional<Boolean> gnomeColorSchemeDark(String output) {
        String value = output.strip().replace("'", "");
        return switch (value) {
            case "prefer-dark" -> Optional.of(true);
            case "prefer-light", "default" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** Parses {@code defaults read -g AppleInterfaceStyle} output. */
    static boolean macOsDark(String output) {
        return output.strip().equalsIgnoreCase("Dark");
    }

    /** Parses {@code reg query ... /v AppsUseLightTheme} output: {@code 0x0} means dark. */
    static Optional<Boolean> windowsDark(String output) {
        for (String line : output.lines().toList()) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length == 3 && parts[0].equals("AppsUseLightTheme")) {
                return Optional.of(parts[2].equalsIgnoreCase("0x0"));
            }
        }
        return Optional.empty();
    }

    /** Runs a command and returns its output if it exists, exits with 0 and finishes in time. */
    private static Optional<String> run(List<String> command) {
        if (!onPath(command.get(0))) {
            return Optional.empty();
        }
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                LOG.warn("{} did not finish within {} s; using the light theme", command,
                        TIMEOUT_SECONDS);
                return Optional.empty();
            }
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return process.exitValue() == 0 ? Optional.of(output) : Optional.empty();
        } catch (IOException e) {
            LOG.debug("Failed to run {}: {}", command, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String folder : path.split(File.pathSeparator)) {
            if (folder.isBlank()) {
                continue;
            }
            for (String name : List.of(program, program + ".exe")) {
                Path candidate = Path.of(folder, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return true;
                }
            }
        }
        return false;
    }
}

package io.reelgraph.app.editor;

import io.reelgraph.engine.file.AtomicFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The theme the user picked under View > Theme, kept as {@code theme} in
 * {@code REELGRAPH_HOME/editor.properties}. A missing or unreadable setting means
 * {@link #SYSTEM}.
 */
enum ThemeChoice {
    LIGHT("Light"),
    DARK("Dark"),
    SYSTEM("Follow System");

    static final String FILE_NAME = "editor.properties";

    private static final Logger LOG = LoggerFactory.getLogger(ThemeChoice.class);
    private static final String KEY = "theme";

    private final String label;

    ThemeChoice(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** Returns whether this choice means the dark theme; follows the OS for {@link #SYSTEM}. */
    boolean dark() {
        return switch (this) {
            case LIGHT -> false;
            case DARK -> true;
            case SYSTEM -> SystemTheme.prefersDark().orElse(false);
        };
    }

    /** Reads the saved choice from the settings file in {@code home}. */
    static ThemeChoice load(Path home) {
        Path file = home.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return SYSTEM;
        }
        Properties settings = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            settings.load(in);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Failed to read editor settings {}; following the system theme", file, e);
            return SYSTEM;
        }
        String value = settings.getProperty(KEY, "system").strip().toUpperCase(Locale.ROOT);
        try {
            return valueOf(value);
        } catch (IllegalArgumentException e) {
            LOG.warn("Unknown theme \"{}\" in {}; expected light, dark or system", value, file);
            return SYSTEM;
        }
    }

    /** Saves this choice into the settings file in {@code home}, keeping its other settings. */
    void save(Path home) {
        Path file = home.resolve(FILE_NAME);
        Properties settings = new Properties();
        try {
            if (Files.isRegularFile(file)) {
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    settings.load(in);
                }
            }
            settings.setProperty(KEY, name().toLowerCase(Locale.ROOT));
            StringWriter text = new StringWriter();
            settings.store(text, "Reelgraph editor settings");
            AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Failed to save the theme to {}; it applies until the editor closes", file,
                    e);
        }
    }
}

package io.reelgraph.engine.file;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The steps that bring an older graph file up to the current format version. Each step turns
 * the JSON tree of version N into version N+1 before the tree is decoded, so a loaded graph never
 * depends on how old its file was. Version 1 is the only version so far, so the standard list is
 * empty.
 */
public final class GraphFileMigrations {

    /** The format version this program writes and the newest it reads. */
    public static final int CURRENT_VERSION = 1;

    private static final GraphFileMigrations STANDARD =
            new GraphFileMigrations(CURRENT_VERSION, List.of());

    /** One migration step from {@code fromVersion} to {@code fromVersion + 1}. */
    record Step(int fromVersion, UnaryOperator<ObjectNode> change) {
    }

    private final int currentVersion;
    private final List<Step> steps;

    /** Creates a step list; tests use it to run the mechanism with a made-up newer version. */
    GraphFileMigrations(int currentVersion, List<Step> steps) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).fromVersion() != currentVersion - steps.size() + i) {
                throw new IllegalArgumentException("Migration steps must run without gaps up to "
                        + "version " + currentVersion + "; step " + i + " starts at version "
                        + steps.get(i).fromVersion());
            }
        }
        this.currentVersion = currentVersion;
        this.steps = List.copyOf(steps);
    }

    /** Returns the steps of this program. */
    public static GraphFileMigrations standard() {
        return STANDARD;
    }

    public int currentVersion() {
        return currentVersion;
    }

    /** Returns the oldest version that the steps can bring up to date. */
    public int oldestVersion() {
        return currentVersion - steps.size();
    }

    /**
     * Applies every step from {@code fileVersion} up to the current version to a copy of the
     * tree, and sets {@code version} in the result to the current version.
     */
    ObjectNode migrate(ObjectNode root, int fileVersion) {
        if (fileVersion < oldestVersion() || fileVersion > currentVersion) {
            throw new IllegalArgumentException("No migration path from version " + fileVersion
                    + " to " + currentVersion);
        }
        ObjectNode tree = root.deepCopy();
        for (Step step : steps) {
            if (step.fromVersion() >= fileVersion) {
                tree = step.change().apply(tree);
                tree.put("version", step.fromVersion() + 1);
            }
        }
        return tree;
    }
}

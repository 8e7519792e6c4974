package io.reelgraph.app.cli;

import io.reelgraph.app.LoadedGraph;
import io.reelgraph.app.Workspace;
import io.reelgraph.engine.cache.CacheException;
import io.reelgraph.engine.run.Engine;
import io.reelgraph.engine.run.Plan;
import io.reelgraph.engine.run.PlannedItem;
import io.reelgraph.engine.run.Session;
import java.nio.file.Path;

/** Opens a session on a loaded graph and plans it, failing on items that failed to plan. */
final class Planning {

    final Session session;
    final Plan plan;

    private Planning(Session session, Plan plan) {
        this.session = session;
        this.plan = plan;
    }

    static Planning of(LoadedGraph loaded, Workspace workspace, Path output, boolean draft) {
        return of(loaded, workspace, output, draft, java.util.Optional.empty());
    }

    /** Plans on an engine whose paid calls reserve their cost with the given spend guard. */
    static Planning of(LoadedGraph loaded, Workspace workspace, Path output, boolean draft,
            java.util.Optional<io.reelgraph.engine.money.SpendGuard> guard) {
        Engine engine;
        try {
            engine = workspace.engine(guard);
        } catch (CacheException e) {
            throw new CommandFailure(ExitCodes.INTERNAL, e.getMessage());
        }
        Session session = engine.session(loaded.context(output, draft));
        Plan plan = session.plan(loaded.graph());
        return new Planning(session, plan);
    }

    /** Fails with {@link ExitCodes#INVALID_INPUT} when a free item failed while planning. */
    void requireNoFailures(Path graph) {
        if (plan.failures().isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder();
        for (PlannedItem failed : plan.failures()) {
            message.append(graph).append(": node ").append(failed.node());
            if (!failed.itemKey().equals("value")) {
                message.append(" item ").append(failed.itemKey());
            }
            message.append(": ").append(failed.error().orElse(failed.reason())).append('\n');
        }
        message.append("Nothing was run and no output was written.");
        throw new CommandFailure(ExitCodes.INVALID_INPUT, message.toString());
    }

    /** Returns the project named by {@code --project}, else the graph file's folder name. */
    static String project(String option, LoadedGraph loaded) {
        if (option != null) {
            return option;
        }
        Path folder = loaded.file().toAbsolutePath().normalize().getParent();
        return folder == null || folder.getFileName() == null ? "default"
                : folder.getFileName().toString();
    }

    static Path outputFolder(Path option, LoadedGraph loaded) {
        return option != null ? option : loaded.file().getParent().resolve("out");
    }
}

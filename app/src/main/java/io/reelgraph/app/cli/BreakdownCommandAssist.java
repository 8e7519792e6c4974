package io.reelgraph.app.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.app.Workspace;
import io.reelgraph.engine.artifact.ContentHash;
import io.reelgraph.engine.artifact.PortValue;
import io.reelgraph.engine.cache.CacheException;
import io.reelgraph.engine.cache.CachedResult;
import io.reelgraph.engine.file.FolderFileAccess;
import io.reelgraph.engine.graph.Connection;
import io.reelgraph.engine.graph.Graph;
import io.reelgraph.engine.graph.Node;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.money.H2Budget;
import io.reelgraph.engine.run.Engine;
import io.reelgraph.engine.run.EvaluationContext;
import io.reelgraph.engine.run.ItemState;
import io.reelgraph.engine.run.Plan;
import io.reelgraph.engine.run.PlannedItem;
import io.reelgraph.engine.run.RunControl;
import io.reelgraph.engine.run.RunListener;
import io.reelgraph.engine.run.RunOptions;
import io.reelgraph.engine.run.RunResult;
import io.reelgraph.engine.run.Session;
import io.reelgraph.engine.validate.Bindings;
import io.reelgraph.engine.validate.ParamResolver;
import io.reelgraph.nodes.catalog.Modality;
import io.reelgraph.nodes.catalog.ModelSpec;
import io.reelgraph.nodes.catalog.Money;
import io.reelgraph.nodes.screenplay.Scene;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code --assist} part of {@code reelgraph breakdown}: requests shot suggestions per scene
 * from a text model. The request runs as a graph on the engine (screenplay, prompt
 * template, text model), so every scene's response is kept in the result cache and paid once,
 * and every call is reserved against the budget caps before it is sent.
 */
final class BreakdownCommandAssist {

    /** The system instructions sent with every scene. */
    static final String INSTRUCTIONS = "You are a first assistant director breaking down a"
            + " screenplay for an AI storyboard. For the scene you are given, suggest three to six"
            + " shots, one per line, each as: shot size, subject, action or camera move. Reply"
            + " with the list only.";
    /** The scene fields each prompt is made of. */
    static final String TEMPLATE = "{scene.heading}. {scene.action} Characters:"
            + " {scene.characters}";
    static final String ASSIST_NODE = "assist";

    private final Workspace workspace;
    private final Path script;
    private final List<Scene> scenes;
    private final PrintWriter out;

    BreakdownCommandAssist(Workspace workspace, Path script, List<Scene> scenes,
            PrintWriter out) {
        this.workspace = workspace;
        this.script = script.toAbsolutePath().normalize();
        this.scenes = List.copyOf(scenes);
        this.out = out;
    }

    /**
     * Plans the suggestions, checks the model, key and cost before anything is sent, runs the
     * scenes that are not cached and prints every scene's suggestions.
     *
     * @param maxCost the most US dollars the run may be projected to cost, or null for no cap
     * @param yes whether the projected cost may be spent without asking
     * @return the exit code
     */
    int run(String modelId, int maxTokens, BigDecimal maxCost, boolean yes) {
        ModelSpec model = requireTextModel(modelId);
        requireKey(model);
        Graph graph = graph(model, maxTokens);
        H2Budget budget = Budgets.open(workspace);
        Engine engine;
        try {
            engine = workspace.engine(Optional.of(budget.guard(project(),
                    Optional.ofNullable(maxCost), workspace::keyAlias)));
        } catch (CacheException e) {
            throw new CommandFailure(ExitCodes.INTERNAL, e.getMessage());
        }
        Session session = engine.session(context());

        Plan plan = session.plan(graph);
        requireNoFailures(plan);
        BigDecimal projected = plan.projection().totalUsd();
        long toRun = assistItems(plan.items()).stream()
                .filter(item -> item.state() != ItemState.CACHED).count();
        out.println("Shot suggestions from " + model.id() + " for " + scenes.size() + " scenes: "
                + (scenes.size() - toRun) + " cached, " + toRun + " to request, projected "
                + Money.format(projected) + " (estimate)");
        out.flush();
        requireSpendAllowed(projected, maxCost, yes);

        RunResult result = session.run(graph, RunOptions.DEFAULT, RunListener.NONE,
                new RunControl());
        printSuggestions(result);
        out.println();
        out.println("Cost: " + Money.format(result.actualUsd()) + " spent (projected "
                + Money.format(result.projection().totalUsd()) + ")");
        out.flush();
        return result.failed() > 0 || result.skipped() > 0 ? ExitCodes.RUN_FAILED
                : ExitCodes.OK;
    }

    private ModelSpec requireTextModel(String modelId) {
        Optional<ModelSpec> model = workspace.catalog().find(modelId);
        if (model.isEmpty() || model.get().modality() != Modality.TEXT) {
            List<String> textModels = workspace.catalog().models().stream()
                    .filter(spec -> spec.modality() == Modality.TEXT)
                    .map(ModelSpec::id).toList();
            throw new CommandFailure(ExitCodes.INVALID_INPUT, "--assist needs a text model from"
                    + " the model catalog, got \"" + modelId + "\"; text models: " + textModels);
        }
        return model.get();
    }

    /** Fails before anything is sent when this build cannot call the provider or has no key. */
    private void requireKey(ModelSpec model) {
        String provider = model.provider();
        if (!workspace.providers().has(provider)) {
            throw new CommandFailure(ExitCodes.REFUSED, "This build of Reelgraph cannot call"
                    + " provider " + provider + " yet; choose another text model. Nothing was"
                    + " sent.");
        }
        boolean keyless = workspace.catalog().provider(provider)
                .map(spec -> !spec.needsKey()).orElse(false);
        if (keyless) {
            return;
        }
        boolean missing;
        try {
            missing = workspace.keys().find(provider).isEmpty();
        } catch (IllegalStateException e) {
            throw new CommandFailure(ExitCodes.INVALID_INPUT, e.getMessage()
                    + " Nothing was sent.");
        }
        if (missing) {
            String variable = workspace.catalog().provider(provider)
                    .map(spec -> spec.keyEnvironmentVariable()).orElse("the provider's key");
            throw new CommandFailure(ExitCodes.REFUSED, "Model " + model.id() + " needs a key"
                    + " for provider " + provider + ": add one with 'reelgraph keys add " + provider
                    + "' or set " + variable + ". Nothing was sent.");
        }
    }

    /** Builds the graph: screenplay, then one prompt per scene, then one answer per prompt. */
    private Graph graph(ModelSpec model, int maxTokens) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode scriptParams = json.objectNode()
                .put("file", script.getFileName().toString());
        ObjectNode promptParams = json.objectNode().put("template", TEMPLATE)
                .put("maxLength", 20_000);
        ObjectNode assistParams = json.objectNode().put("model", model.id())
                .put("instructions", INSTRUCTIONS).put("max_completion_tokens", maxTokens);
        List<Node> nodes = List.of(node("script", "script.fountain", scriptParams),
                node("prompt", "prompt.template", promptParams),
                node(ASSIST_NODE, "model.text", assistParams));
        List<Connection> connections = List.of(
                Connection.of("script", "scenes", "prompt", "scene"),
                Connection.of("prompt", "prompt", ASSIST_NODE, "prompt"));
        return Graph.of("shot suggestions for " + script.getFileName(), "", List.of(), nodes,
                connections, json.objectNode());
    }

    private static Node node(String id, String type, ObjectNode params) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        return new Node(NodeId.of(id), type, 1, params, json.objectNode(), json.objectNode());
    }

    private EvaluationContext context() {
        Path folder = script.getParent();
        String graphId = ContentHash.of(("breakdown " + script).getBytes(StandardCharsets.UTF_8))
                .shortForm();
        return new EvaluationContext(graphId,
                (node, type) -> ParamResolver.resolve(node, type, Bindings.empty()),
                FolderFileAccess.of(folder), folder.resolve("out"), false, Map.of());
    }

    /** Returns the project whose budget caps apply: the screenplay's folder name. */
    private String project() {
        Path folder = script.getParent();
        return folder == null || folder.getFileName() == null ? "default"
                : folder.getFileName().toString();
    }

    private void requireNoFailures(Plan plan) {
        if (!plan.failures().isEmpty()) {
            PlannedItem failed = plan.failures().get(0);
            throw new CommandFailure(ExitCodes.INVALID_INPUT, script + ": "
                    + failed.error().orElse(failed.reason()) + ". Nothing was sent.");
        }
    }

    private static void requireSpendAllowed(BigDecimal projected, BigDecimal maxCost,
            boolean yes) {
        if (maxCost != null && projected.compareTo(maxCost) > 0) {
            throw new CommandFailure(ExitCodes.REFUSED, "Projected cost "
                    + Money.format(projected) + " is above --max-cost "
                    + Money.format(maxCost) + ". Nothing was sent.");
        }
        if (projected.signum() > 0 && !yes) {
            throw new CommandFailure(ExitCodes.REFUSED, "Asking the model costs about "
                    + Money.format(projected) + "; run again with --yes to spend it. Nothing"
                    + " was sent.");
        }
    }

    private void printSuggestions(RunResult result) {
        for (PlannedItem item : assistItems(result.items())) {
            String heading = item.index() < scenes.size()
                    ? scenes.get(item.index()).heading() : item.itemKey();
            out.println();
            out.println("Scene " + (item.index() + 1) + ": " + heading);
            Optional<String> text = item.key().flatMap(key -> workspace.cache().lookup(key))
                    .map(BreakdownCommandAssist::text);
            if (text.isEmpty()) {
                out.println("  (no suggestions: " + item.error().orElse(item.reason()) + ")");
                continue;
            }
            text.get().lines().filter(line -> !line.isBlank())
                    .forEach(line -> out.println("  " + line.strip()));
        }
    }

    private static String text(CachedResult result) {
        PortValue value = result.outputs().get("text");
        return value == null ? "" : value.single().text();
    }

    private static List<PlannedItem> assistItems(List<PlannedItem> items) {
        return items.stream().filter(item -> item.node().value().equals(ASSIST_NODE))
                .sorted(Comparator.comparingInt(PlannedItem::index)).toList();
    }
}

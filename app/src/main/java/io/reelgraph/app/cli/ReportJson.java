package io.reelgraph.app.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.run.ItemState;
import io.reelgraph.engine.run.Plan;
import io.reelgraph.engine.run.PlannedItem;
import io.reelgraph.engine.run.Projection;
import io.reelgraph.engine.run.RunResult;
import io.reelgraph.engine.validate.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import io.reelgraph.engine.file.AtomicFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * JSON forms of plans, run results and problems for {@code --json} and {@code --report}.
 * Amounts are US dollars as exact decimal numbers; projections are estimates.
 */
final class ReportJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ReportJson() {
    }

    static ObjectNode plan(Path graph, Plan plan) {
        ObjectNode root = JSON.objectNode();
        root.put("graph", graph.toString());
        root.put("draft", plan.draft());
        root.set("workItems", counts(plan.items(), plan.items().size()));
        root.set("cost", projection(plan.projection()));
        root.set("nodes", nodes(plan.items()));
        return root;
    }

    static ObjectNode run(Path graph, RunResult result) {
        ObjectNode root = JSON.objectNode();
        root.put("graph", graph.toString());
        root.put("draft", result.draft());
        root.put("cancelled", result.cancelled());
        ObjectNode items = counts(result.items(), result.total());
        items.put("executed", result.executed());
        root.set("workItems", items);
        ObjectNode cost = projection(result.projection());
        cost.put("actualUsd", result.actualUsd());
        root.set("cost", cost);
        ArrayNode outputs = root.putArray("outputs");
        result.outputs().forEach(path -> outputs.add(path.toString()));
        ArrayNode failures = root.putArray("failures");
        for (PlannedItem failed : result.failures()) {
            failures.addObject().put("node", failed.node().value()).put("item", failed.itemKey())
                    .put("message", failed.error().orElse(failed.reason()));
        }
        root.set("nodes", nodes(result.items()));
        return root;
    }

    static ObjectNode problems(Path graph, List<Problem> problems) {
        ObjectNode root = JSON.objectNode();
        root.put("graph", graph.toString());
        root.put("valid", problems.stream().noneMatch(Problem::isError));
        ArrayNode list = root.putArray("problems");
        for (Problem problem : problems) {
            ObjectNode entry = list.addObject();
            entry.put("severity", problem.severity().name().toLowerCase(java.util.Locale.ROOT));
            entry.put("code", problem.code());
            entry.put("message", problem.message());
            problem.node().ifPresentOrElse(node -> entry.put("node", node.value()),
                    () -> entry.putNull("node"));
            problem.port().ifPresentOrElse(port -> entry.put("port", port),
                    () -> entry.putNull("port"));
        }
        return root;
    }

    private static ObjectNode counts(List<PlannedItem> items, int total) {
        ObjectNode counts = JSON.objectNode();
        counts.put("total", total);
        counts.put("executed", count(items, ItemState.EXECUTED));
        counts.put("cached", count(items, ItemState.CACHED));
        counts.put("failed", count(items, ItemState.FAILED));
        counts.put("skipped", count(items, ItemState.SKIPPED));
        counts.put("cancelled", count(items, ItemState.CANCELLED));
        counts.put("toRun", count(items, ItemState.WILL_RUN)
                + count(items, ItemState.BLOCKED_ON_UPSTREAM));
        return counts;
    }

    private static long count(List<PlannedItem> items, ItemState state) {
        return items.stream().filter(item -> item.state() == state).count();
    }

    private static ObjectNode projection(Projection projection) {
        ObjectNode cost = JSON.objectNode();
        cost.put("projectedUsd", projection.totalUsd());
        cost.put("savedByCacheUsd", projection.savedUsd());
        cost.put("estimate", true);
        ObjectNode providers = cost.putObject("byProviderUsd");
        projection.byProvider().forEach(providers::put);
        ObjectNode nodes = cost.putObject("byNodeUsd");
        for (Map.Entry<NodeId, java.math.BigDecimal> node : projection.byNode().entrySet()) {
            nodes.put(node.getKey().value(), node.getValue());
        }
        return cost;
    }

    private static ArrayNode nodes(List<PlannedItem> items) {
        ArrayNode nodes = JSON.arrayNode();
        ObjectNode current = null;
        for (PlannedItem item : items) {
            if (current == null || !current.path("id").asText().equals(item.node().value())) {
                current = nodes.addObject();
                current.put("id", item.node().value());
                current.put("type", item.nodeType());
                current.putArray("items");
            }
            ObjectNode entry = ((ArrayNode) current.get("items")).addObject();
            entry.put("key", item.itemKey());
            entry.put("state", item.state().name());
            entry.put("paid", item.paid());
            item.key().ifPresent(key -> entry.put("cacheKey", key.hex()));
            item.billing().ifPresent(billing -> {
                entry.put("provider", billing.provider());
                entry.put("model", billing.model());
                entry.put("variation", billing.variation());
                entry.put("priceBasis", billing.basis());
                entry.put("draft", billing.draft());
            });
            entry.put("projectedUsd", item.projectedUsd());
            item.actualUsd().ifPresent(actual -> entry.put("actualUsd", actual));
            entry.put("reason", item.reason());
            item.error().ifPresent(error -> entry.put("error", error));
        }
        return nodes;
    }

    static String text(ObjectNode json) {
        try {
            return MAPPER.writeValueAsString(json) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("Writing JSON to memory failed", e);
        }
    }

    /** Writes a report atomically: a temporary file beside it, then a move into place. */
    static void write(ObjectNode json, Path file) throws IOException {
        AtomicFiles.write(file.toAbsolutePath().normalize(), text(json).getBytes(StandardCharsets.UTF_8));
    }
}

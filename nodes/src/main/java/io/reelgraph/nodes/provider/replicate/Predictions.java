package io.reelgraph.nodes.provider.replicate;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.engine.journal.ProviderJob;
import io.reelgraph.nodes.provider.async.JobPhase;
import io.reelgraph.nodes.provider.async.JobState;
import io.reelgraph.nodes.provider.http.ProviderEndpoints;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads Replicate prediction objects: the job, its state and its output URL. */
final class Predictions {

    /** A tqdm progress bar in the logs, such as {@code 50%|█████     | 14/28}. */
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})%\\|");

    /**
     * Words in a failed prediction's {@code error} that mean a safety filter blocked it. The
     * Flux models raise "NSFW content detected"; other models report "flagged as sensitive"
     * with code E005. Replicate has no structured code for this.
     */
    private static final Pattern MODERATION = Pattern.compile(
            "nsfw|flagged as sensitive|\\be005\\b|content policy|safety filter");

    private Predictions() {
    }

    /** Returns the job of a created prediction, or empty when it has no {@code id}. */
    static Optional<ProviderJob> job(JsonNode prediction, ProviderEndpoints endpoints) {
        String id = prediction.path("id").asText("");
        if (id.isBlank()) {
            return Optional.empty();
        }
        JsonNode urls = prediction.path("urls");
        String get = text(urls.path("get"))
                .orElse(endpoints.resolve("predictions/" + id).toString());
        String cancel = text(urls.path("cancel"))
                .orElse(endpoints.resolve("predictions/" + id + "/cancel").toString());
        return Optional.of(new ProviderJob(id, Optional.of(id), Optional.of(get),
                Optional.empty(), Optional.of(cancel)));
    }

    /** Returns the normalized state of a prediction, or empty for an unknown status. */
    static Optional<JobState> state(JsonNode prediction) {
        String status = prediction.path("status").asText("");
        String error = prediction.path("error").asText("");
        JobState state = switch (status) {
            case "starting" -> new JobState(JobPhase.QUEUED, OptionalDouble.empty(), status, "");
            case "processing" -> new JobState(JobPhase.RUNNING,
                    progress(prediction.path("logs").asText("")), status, "");
            case "succeeded" -> new JobState(JobPhase.SUCCEEDED, OptionalDouble.of(1), status,
                    "");
            case "failed" -> new JobState(MODERATION.matcher(error.toLowerCase(Locale.ROOT))
                    .find() ? JobPhase.MODERATED : JobPhase.FAILED, OptionalDouble.empty(), status,
                    error.isBlank() ? "the model failed without an error message" : error);
            case "canceled" -> new JobState(JobPhase.CANCELLED, OptionalDouble.empty(), status,
                    "the prediction was canceled");
            case "aborted" -> new JobState(JobPhase.CANCELLED, OptionalDouble.empty(), status,
                    "the Cancel-After deadline passed before the prediction started");
            default -> null;
        };
        return Optional.ofNullable(state);
    }

    /**
     * Returns the first output URL: Replicate returns a bare string for a single file and an
     * array of strings for several.
     */
    static Optional<String> firstOutputUrl(JsonNode prediction) {
        JsonNode output = prediction.path("output");
        if (output.isArray()) {
            output = output.path(0);
        }
        return text(output).filter(url -> url.startsWith("http://") || url.startsWith("https://"));
    }

    /** Returns the last percentage of a tqdm progress bar in the logs, from 0 to 1. */
    static OptionalDouble progress(String logs) {
        Matcher matcher = PERCENT.matcher(logs);
        int last = -1;
        while (matcher.find()) {
            last = Integer.parseInt(matcher.group(1));
        }
        return last < 0 || last > 100 ? OptionalDouble.empty() : OptionalDouble.of(last / 100.0);
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank()
                ? Optional.of(node.asText()) : Optional.empty();
    }
}

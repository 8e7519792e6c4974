package io.reelgraph.nodes.provider.bfl;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.nodes.provider.async.JobPhase;
import io.reelgraph.nodes.provider.async.JobState;
import java.util.Optional;
import java.util.OptionalDouble;

/** Reads the task objects that a FLUX API {@code polling_url} returns. */
final class BflTasks {

    private BflTasks() {
    }

    /**
     * Returns the normalized state of a task, or empty for an unknown status. BFL reports
     * {@code Pending} both while queued and while generating; a task that reports a
     * {@code progress} counts as running.
     */
    static Optional<JobState> state(JsonNode task) {
        String status = task.path("status").asText("");
        JobState state = switch (status) {
            case "Pending" -> progress(task.path("progress"))
                    .map(fraction -> new JobState(JobPhase.RUNNING, OptionalDouble.of(fraction),
                            status, ""))
                    .orElse(new JobState(JobPhase.QUEUED, OptionalDouble.empty(), status, ""));
            case "Ready" -> new JobState(JobPhase.SUCCEEDED, OptionalDouble.of(1), status, "");
            case "Request Moderated", "Content Moderated" -> new JobState(JobPhase.MODERATED,
                    OptionalDouble.empty(), status, status + details(task));
            case "Error" -> new JobState(JobPhase.FAILED, OptionalDouble.empty(), status,
                    "the task failed" + details(task));
            case "Task not found" -> new JobState(JobPhase.FAILED, OptionalDouble.empty(), status,
                    "BFL has no task with this id, or its result has expired");
            default -> null;
        };
        return Optional.ofNullable(state);
    }

    /**
     * Returns the progress from 0 to 1. NOTE: BFL does not document the scale of
     * {@code progress}; a value above 1 is read as a percentage.
     */
    static Optional<Double> progress(JsonNode value) {
        if (!value.isNumber()) {
            return Optional.empty();
        }
        double number = value.asDouble();
        double fraction = number > 1 ? number / 100 : number;
        return fraction < 0 || fraction > 1 ? Optional.empty() : Optional.of(fraction);
    }

    private static String details(JsonNode task) {
        JsonNode details = task.path("details");
        if (details.isMissingNode() || details.isNull()) {
            JsonNode error = task.path("error");
            return error.isTextual() ? ": " + error.asText() : "";
        }
        String text = details.isTextual() ? details.asText() : details.toString();
        return text.length() > 300 ? ": " + text.substring(0, 300) + "…" : ": " + text;
    }
}

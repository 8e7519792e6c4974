package io.reelgraph.nodes.provider.replicate;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.engine.journal.JobEntry;
import io.reelgraph.engine.journal.ProviderJob;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.nodes.provider.async.ProviderJobList;
import io.reelgraph.nodes.provider.error.AmbiguousSubmitException;
import io.reelgraph.nodes.provider.error.MalformedResponseException;
import io.reelgraph.nodes.provider.error.ProviderException;
import io.reelgraph.nodes.provider.http.CallKind;
import io.reelgraph.nodes.provider.http.JsonResponse;
import io.reelgraph.nodes.provider.http.ProviderClient;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalInt;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks an ambiguous submit up in {@code GET /predictions}, which lists the account's
 * predictions newest first, 100 to a page. A prediction matches when it ran the same model
 * with the same prompt and seed and was created between the journal entry's creation and its last
 * update, widened by {@link #CLOCK_SKEW} for the difference between this machine's clock and
 * Replicate's.
 */
final class PredictionList implements ProviderJobList {

    private static final Logger LOG = LoggerFactory.getLogger(PredictionList.class);
    static final Duration CLOCK_SKEW = Duration.ofMinutes(2);
    /** Maximum number of list pages read before the lookup gives up. */
    private static final int MAX_PAGES = 5;

    private final ProviderClient client;
    private final String apiModel;
    private final JsonNode input;

    PredictionList(ProviderClient client, String apiModel, JsonNode input) {
        this.client = client;
        this.apiModel = apiModel;
        this.input = input;
    }

    @Override
    public Optional<ProviderJob> find(JobEntry entry, WorkContext context)
            throws IOException, ProviderException {
        Instant from = entry.createdAt().minus(CLOCK_SKEW);
        Instant to = entry.updatedAt().plus(CLOCK_SKEW);
        HttpUrl page = client.endpoints().resolve("predictions");
        for (int read = 0; read < MAX_PAGES && page != null; read++) {
            Request request = new Request.Builder().url(page).get().build();
            JsonResponse response = client.call(request, CallKind.POLL, context);
            JsonNode results = response.body().path("results");
            if (!results.isArray()) {
                throw new MalformedResponseException(ReplicateProvider.ID,
                        OptionalInt.of(response.status()), response.providerRequestId(),
                        "Provider replicate returned a prediction list without \"results\"");
            }
            boolean older = false;
            for (JsonNode prediction : results) {
                Optional<Instant> created = createdAt(prediction);
                if (created.isPresent() && created.get().isBefore(from)) {
                    older = true;
                    continue;
                }
                if (created.isPresent() && !created.get().isAfter(to) && matches(prediction)) {
                    LOG.info("Found Replicate prediction {} for the ambiguous submit of cache"
                            + " key {}", prediction.path("id").asText(),
                            entry.cacheKey().shortForm());
                    return Predictions.job(prediction, client.endpoints());
                }
            }
            // The list is newest first, so a page that reaches older predictions is the last.
            page = older ? null : next(response.body());
        }
        if (page != null) {
            throw new AmbiguousSubmitException(ReplicateProvider.ID, entry.providerRequestId(),
                    "The first " + MAX_PAGES + " pages of Replicate's prediction list are all"
                            + " newer than the ambiguous submit of model " + entry.model()
                            + " (cache key " + entry.cacheKey().shortForm() + "), so it is"
                            + " unknown whether that submit created a prediction and this run"
                            + " did not submit again; check the Replicate dashboard", null);
        }
        return Optional.empty();
    }

    /**
     * Compares the model and the scalar inputs that identify a request. Whole inputs are not
     * compared, because the echoed value of a file input may differ from the data URI or
     * upload URL that was sent.
     */
    private boolean matches(JsonNode prediction) {
        JsonNode echoed = prediction.path("input");
        // The list also holds predictions made on the website, which report source "web".
        String source = prediction.path("source").asText("api");
        return "api".equals(source) && apiModel.equals(prediction.path("model").asText())
                && input.path("prompt").equals(echoed.path("prompt"))
                && (!input.has("seed") || input.get("seed").asLong() == echoed.path("seed")
                        .asLong(Long.MIN_VALUE));
    }

    private static Optional<Instant> createdAt(JsonNode prediction) {
        try {
            return Optional.of(Instant.parse(prediction.path("created_at").asText("")));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static HttpUrl next(JsonNode body) {
        JsonNode next = body.path("next");
        return next.isTextual() ? HttpUrl.parse(next.asText()) : null;
    }
}

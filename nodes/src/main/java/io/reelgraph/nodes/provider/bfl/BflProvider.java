package io.reelgraph.nodes.provider.bfl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.journal.ProviderJob;
import io.reelgraph.engine.type.NodeException;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.nodes.catalog.ModelSpec;
import io.reelgraph.nodes.provider.Generation;
import io.reelgraph.nodes.provider.ImageJob;
import io.reelgraph.nodes.provider.Provider;
import io.reelgraph.nodes.provider.async.AsyncJob;
import io.reelgraph.nodes.provider.async.AsyncJobRunner;
import io.reelgraph.nodes.provider.async.JobState;
import io.reelgraph.nodes.provider.async.PollingPolicy;
import io.reelgraph.nodes.provider.error.MalformedResponseException;
import io.reelgraph.nodes.provider.error.ProviderException;
import io.reelgraph.nodes.provider.http.CallKind;
import io.reelgraph.nodes.provider.http.DownloadedMedia;
import io.reelgraph.nodes.provider.http.JsonResponse;
import io.reelgraph.nodes.provider.http.ProviderClient;
import io.reelgraph.nodes.provider.http.Sleeper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalInt;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The Black Forest Labs (FLUX API) adapter: submit to {@code POST /v1/{model}} with the
 * {@code x-key} header, poll the {@code polling_url} of the submit response as it is (it may
 * name a regional host such as {@code api.eu2.bfl.ai}), and download {@code result.sample} at
 * once, because that signed URL expires after ten minutes. The credits the submit response
 * reports in {@code cost} (1 credit is 0.01 USD) become the actual cost. BFL has neither a
 * cancel endpoint nor a task list, so a cancelled run leaves the task to finish and an
 * ambiguous submit is not settled automatically.
 */
public final class BflProvider implements Provider {

    public static final String ID = "bfl";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final BigDecimal USD_PER_CREDIT = new BigDecimal("0.01");

    private final ProviderClient client;
    private final PollingPolicy policy;
    private final Sleeper sleeper;

    public BflProvider(ProviderClient client, PollingPolicy policy, Sleeper sleeper) {
        if (!ID.equals(client.endpoints().providerId())) {
            throw new IllegalArgumentException("BflProvider needs the client of provider bfl, got "
                    + client.endpoints().providerId());
        }
        this.client = client;
        this.policy = policy;
        this.sleeper = sleeper;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Generation image(ImageJob job, WorkContext context) throws Exception {
        ModelSpec model = job.model();
        if (client.keyAlias().isEmpty()) {
            throw new NodeException("Model " + model.id() + " needs a Black Forest Labs key: add"
                    + " one to the vault or set BFL_API_KEY, or run with --draft to use the free"
                    + " draft provider");
        }
        ObjectNode body = BflInputs.body(job);
        AsyncJobRunner runner = new AsyncJobRunner(ID, policy, sleeper, Optional.empty());
        return runner.run(new TaskJob(model, body), model.id(), context);
    }

    /** One FLUX task: submit, poll {@code polling_url}, download {@code result.sample}. */
    private final class TaskJob implements AsyncJob<Generation> {

        private final ModelSpec model;
        private final ObjectNode body;
        private Optional<BigDecimal> credits = Optional.empty();
        private JsonNode ready;

        TaskJob(ModelSpec model, ObjectNode body) {
            this.model = model;
            this.body = body;
        }

        @Override
        public ProviderJob submit(WorkContext context) throws IOException, ProviderException {
            Request request = new Request.Builder()
                    .url(client.endpoints().resolve("v1/" + model.apiModel()))
                    .post(RequestBody.create(JSON.writeValueAsBytes(body), JSON_TYPE))
                    .build();
            JsonResponse response = client.call(request, CallKind.SUBMIT, context);
            JsonNode created = response.body();
            String id = created.path("id").asText("");
            if (id.isBlank()) {
                throw malformed(response, "returned a submit response without \"id\" for model "
                        + model.id());
            }
            JsonNode cost = created.path("cost");
            if (cost.isNumber()) {
                credits = Optional.of(cost.decimalValue());
            }
            return new ProviderJob(id, Optional.of(id), Optional.of(pollingUrl(created, id)),
                    Optional.empty(), Optional.empty());
        }

        /** Returns the submit's {@code polling_url}, or the global get_result URL without one. */
        private String pollingUrl(JsonNode created, String id) {
            JsonNode url = created.path("polling_url");
            if (url.isTextual() && HttpUrl.parse(url.asText()) != null) {
                return url.asText();
            }
            return client.endpoints().resolve("v1/get_result").newBuilder()
                    .addQueryParameter("id", id).build().toString();
        }

        @Override
        public JobState poll(ProviderJob job, WorkContext context)
                throws IOException, ProviderException {
            Request request = new Request.Builder().url(job.pollUrl().orElseThrow()).get().build();
            JsonResponse response = client.call(request, CallKind.POLL, context);
            String status = response.body().path("status").asText("");
            JobState state = BflTasks.state(response.body()).orElseThrow(() -> malformed(
                    response, "returned the unknown task status \"" + status + "\""));
            if (state.phase().finished()) {
                ready = response.body();
            }
            return state;
        }

        @Override
        public Generation fetch(ProviderJob job, WorkContext context)
                throws IOException, ProviderException {
            JsonNode sample = ready.path("result").path("sample");
            if (!sample.isTextual() || sample.asText().isBlank()) {
                throw new MalformedResponseException(ID, OptionalInt.empty(),
                        Optional.of(job.providerJobId()), "Provider bfl returned a Ready task"
                        + " without result.sample for model " + model.id());
            }
            DownloadedMedia media = client.download(sample.asText(), context, "image/");
            Artifact artifact = Artifact.ofBytes(media.info().mediaType(), media.bytes(), false);
            Optional<BigDecimal> usd = credits.map(value -> value.multiply(USD_PER_CREDIT));
            return new Generation(artifact, usd, Optional.of(job.providerJobId()));
        }
    }

    private static MalformedResponseException malformed(JsonResponse response, String problem) {
        return new MalformedResponseException(ID, OptionalInt.of(response.status()),
                response.providerRequestId(), "Provider bfl " + problem);
    }
}

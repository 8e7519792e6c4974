package io.reelgraph.nodes.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.nodes.catalog.ModelSpec;
import io.reelgraph.nodes.provider.Generation;
import io.reelgraph.nodes.provider.TextJob;
import io.reelgraph.nodes.provider.error.MalformedResponseException;
import io.reelgraph.nodes.provider.error.ModerationException;
import io.reelgraph.nodes.provider.error.ProviderException;
import io.reelgraph.nodes.provider.http.JsonResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenAI's Chat Completions endpoint, {@code POST /chat/completions}: builds the request body and
 * parses the completion, the refusal and the token usage.
 */
final class ChatCompletions {

    private static final Logger LOG = LoggerFactory.getLogger(ChatCompletions.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private ChatCompletions() {
    }

    /**
     * Builds the request: the instructions as the system message, the prompt as the user
     * message and {@code max_completion_tokens}. Temperature keeps OpenAI's default.
     */
    static Request request(HttpUrl url, TextJob job) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("model", job.model().apiModel());
        ArrayNode messages = body.putArray("messages");
        if (!job.instructions().isBlank()) {
            messages.addObject().put("role", "system").put("content", job.instructions());
        }
        messages.addObject().put("role", "user").put("content", job.prompt());
        body.put("max_completion_tokens", job.maxOutputTokens());
        return new Request.Builder().url(url)
                .post(RequestBody.create(JSON.writeValueAsBytes(body), JSON_TYPE)).build();
    }

    /**
     * Reads {@code choices[0].message.content} and prices {@code usage} with the model's
     * token prices.
     *
     * @throws ModerationException when the model refused or the content filter withheld the
     *     completion
     * @throws MalformedResponseException when the response has no message content
     */
    static Generation read(JsonResponse response, ModelSpec model) throws ProviderException {
        JsonNode choice = response.body().path("choices").path(0);
        JsonNode message = choice.path("message");
        String finishReason = choice.path("finish_reason").asText("");
        if (message.path("refusal").isTextual()) {
            throw new ModerationException(OpenAiProvider.ID, OptionalInt.of(response.status()),
                    response.providerRequestId(), "Model " + model.id() + " refused the"
                    + " request (\"" + message.get("refusal").asText()
                    + "\"); change the prompt or the screenplay text it was made from");
        }
        if ("content_filter".equals(finishReason)) {
            throw new ModerationException(OpenAiProvider.ID, OptionalInt.of(response.status()),
                    response.providerRequestId(), "Provider openai withheld the answer of model "
                    + model.id() + " by its content filter (finish_reason content_filter);"
                    + " change the prompt or the screenplay text it was made from");
        }
        if (!message.path("content").isTextual()) {
            throw new MalformedResponseException(OpenAiProvider.ID,
                    OptionalInt.of(response.status()), response.providerRequestId(),
                    "Provider openai returned no answer text (choices[0].message.content is"
                            + " missing) for model " + model.id());
        }
        if ("length".equals(finishReason)) {
            LOG.warn("Model {} stopped at max_completion_tokens, so its answer is cut short"
                    + " (request id {})", model.id(), response.providerRequestId().orElse("none"));
        }
        byte[] text = message.get("content").asText().getBytes(StandardCharsets.UTF_8);
        return new Generation(Artifact.ofBytes("text/plain", text, false),
                actualCost(response, model), response.providerRequestId());
    }

    /** Returns the cost of the reported prompt and completion tokens at the catalog prices. */
    private static Optional<BigDecimal> actualCost(JsonResponse response, ModelSpec model) {
        JsonNode usage = response.body().path("usage");
        if (!usage.path("prompt_tokens").canConvertToLong()
                || !usage.path("completion_tokens").canConvertToLong()) {
            LOG.warn("Provider openai reported no token usage for model {} (request id {}), so"
                    + " the projected cost stands for the actual cost", model.id(),
                    response.providerRequestId().orElse("none"));
            return Optional.empty();
        }
        long input = usage.get("prompt_tokens").asLong();
        long output = usage.get("completion_tokens").asLong();
        LOG.info("OpenAI call of model {} used {} prompt and {} completion tokens (request id {})",
                model.id(), input, output, response.providerRequestId().orElse("none"));
        return model.price().tokenCost(input, 0, output);
    }
}

package io.reelgraph.nodes.types;

import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.type.KeyMaterial;
import io.reelgraph.engine.type.NodeCategory;
import io.reelgraph.engine.type.NodeException;
import io.reelgraph.engine.type.PortSpec;
import io.reelgraph.engine.type.PortType;
import io.reelgraph.engine.type.ValidationInput;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.engine.type.WorkInput;
import io.reelgraph.engine.type.WorkOutput;
import io.reelgraph.engine.validate.Problem;
import io.reelgraph.nodes.catalog.Modality;
import io.reelgraph.nodes.catalog.ModelSpec;
import io.reelgraph.nodes.catalog.Usage;
import io.reelgraph.nodes.provider.Generation;
import io.reelgraph.nodes.provider.TextJob;
import java.util.List;

/**
 * {@code model.text}: one text response per prompt from a text model, such as shot suggestions
 * for a scene. Like every paid node its responses are cached, so a prompt is paid for once.
 */
public final class TextModelNode extends BaseNodeType {

    public static final String ID = "model.text";
    /** The param that caps the response length, named as in the OpenAI catalog entries. */
    static final String MAX_TOKENS = "max_completion_tokens";
    /** Characters per token in the projection, OpenAI's rule of thumb for English text. */
    static final int CHARACTERS_PER_TOKEN = 4;

    private static final long DEFAULT_MAX_TOKENS = 1200;

    private final ModelSupport models;

    TextModelNode(ModelSupport models) {
        super(ID, 1, "Text model", "Answers each prompt with a text model.",
                NodeCategory.MODEL,
                List.of(PortSpec.one("prompt", PortType.PROMPT, "the question or request")),
                List.of(PortSpec.one("text", PortType.TEXT, "the model's response")),
                List.of(Params.model("text model id from the model catalog"),
                        Params.longText("instructions", "",
                                "system instructions sent before each prompt"),
                        Params.integer(MAX_TOKENS, DEFAULT_MAX_TOKENS, 16, 128_000, "tokens",
                                "the maximum tokens of a response"),
                        Params.variation()));
        this.models = models;
    }

    @Override
    public boolean paid() {
        return true;
    }

    @Override
    public List<Problem> validate(ValidationInput input) {
        return models.validate(input, Modality.TEXT);
    }

    /**
     * Prices one response before it is requested. The input token count is an estimate: one
     * token per {@value #CHARACTERS_PER_TOKEN} characters of instructions and prompt, rounded
     * up. The output is priced at the token cap, so the projection is an upper bound there.
     */
    @Override
    public KeyMaterial prepare(WorkInput input) throws NodeException {
        ModelSpec model = models.effective(input, Modality.TEXT);
        long characters = input.stringParam("instructions").length()
                + (input.pending("prompt") ? 0 : input.requireSingle("prompt").text().length());
        Usage usage = Usage.tokens(estimateTokens(characters),
                input.longParam(MAX_TOKENS, DEFAULT_MAX_TOKENS));
        return KeyMaterial.paid(models.billing(input, model, usage));
    }

    @Override
    public WorkOutput execute(WorkInput input, WorkContext context) throws Exception {
        ModelSpec model = models.effective(input, Modality.TEXT);
        TextJob job = new TextJob(model, input.stringParam("instructions"),
                input.requireSingle("prompt").text(),
                (int) input.longParam(MAX_TOKENS, DEFAULT_MAX_TOKENS),
                (int) input.longParam("variation", 0));
        Generation generation = models.provider(model).text(job, context);
        Artifact text = generation.media();
        if (!text.mediaType().startsWith("text/")) {
            throw new NodeException("Node " + input.node() + " item " + input.itemKey()
                    + " expected text from model " + model.id() + ", got " + text.mediaType());
        }
        WorkOutput.Builder output = WorkOutput.builder().single("text", text);
        generation.actualUsd().ifPresent(output::actualUsd);
        generation.providerRequestId().ifPresent(output::providerRequestId);
        return output.build();
    }

    /** Returns the estimated token count of a text: characters divided by 4, rounded up. */
    static long estimateTokens(long characters) {
        return (characters + CHARACTERS_PER_TOKEN - 1) / CHARACTERS_PER_TOKEN;
    }
}

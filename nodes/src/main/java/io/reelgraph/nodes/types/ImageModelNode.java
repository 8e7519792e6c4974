package io.reelgraph.nodes.types;

import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.artifact.Item;
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
import io.reelgraph.nodes.provider.ImageJob;
import java.util.List;

/** {@code model.image}: one image per prompt, from a catalog model, with optional references. */
public final class ImageModelNode extends BaseNodeType {

    public static final String ID = "model.image";

    private final ModelSupport models;

    ImageModelNode(ModelSupport models) {
        super(ID, 1, "Image model", "Generates one image per prompt with an image model.",
                NodeCategory.MODEL,
                List.of(PortSpec.one("prompt", PortType.PROMPT, "what to draw"),
                        PortSpec.list("references", PortType.REFERENCE,
                                "character or style reference images").asOptional()),
                List.of(PortSpec.one("image", PortType.IMAGE, "the generated image")),
                List.of(Params.model("image model id from the model catalog"),
                        Params.integer("width", 1344, 64, 4096, "px", "image width"),
                        Params.integer("height", 768, 64, 4096, "px", "image height"),
                        Params.seed(), Params.variation()));
        this.models = models;
    }

    @Override
    public boolean paid() {
        return true;
    }

    @Override
    public List<Problem> validate(ValidationInput input) {
        return models.validate(input, Modality.IMAGE);
    }

    @Override
    public KeyMaterial prepare(WorkInput input) throws NodeException {
        ModelSpec model = models.effective(input, Modality.IMAGE);
        Usage usage = Usage.images(1).withSize((int) input.longParam("width", 1344),
                (int) input.longParam("height", 768));
        return KeyMaterial.paid(models.billing(input, model, usage));
    }

    @Override
    public WorkOutput execute(WorkInput input, WorkContext context) throws Exception {
        ModelSpec model = models.effective(input, Modality.IMAGE);
        String prompt = input.requireSingle("prompt").text();
        List<Artifact> references = input.input("references")
                .map(value -> value.items().stream().map(Item::artifact).toList())
                .orElse(List.of());
        ImageJob job = new ImageJob(model, prompt, (int) input.longParam("width", 1344),
                (int) input.longParam("height", 768), input.longParam("seed", 0),
                (int) input.longParam("variation", 0), references);
        Generation generation = models.provider(model).image(job, context);
        return ModelOutputs.of("image", generation, "image/", input);
    }
}

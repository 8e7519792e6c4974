package io.reelgraph.nodes.types;

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
import io.reelgraph.nodes.provider.VideoJob;
import java.math.BigDecimal;
import java.util.List;

/** {@code model.video}: one clip per still image, from an image-to-video catalog model. */
public final class VideoModelNode extends BaseNodeType {

    public static final String ID = "model.video";

    private final ModelSupport models;

    VideoModelNode(ModelSupport models) {
        super(ID, 1, "Video model", "Turns each still image into a short clip with a video model.",
                NodeCategory.MODEL,
                List.of(PortSpec.one("image", PortType.IMAGE, "the first frame"),
                        PortSpec.one("prompt", PortType.PROMPT, "how the shot moves").asOptional()),
                List.of(PortSpec.one("video", PortType.VIDEO, "the generated clip")),
                List.of(Params.model("video model id from the model catalog"),
                        Params.integer("duration", 5, 1, 20, "s", "clip length"),
                        Params.integer("width", 1280, 64, 4096, "px", "clip width"),
                        Params.integer("height", 720, 64, 4096, "px", "clip height"),
                        Params.seed(), Params.variation()));
        this.models = models;
    }

    @Override
    public boolean paid() {
        return true;
    }

    @Override
    public List<Problem> validate(ValidationInput input) {
        return models.validate(input, Modality.VIDEO);
    }

    @Override
    public KeyMaterial prepare(WorkInput input) throws NodeException {
        ModelSpec model = models.effective(input, Modality.VIDEO);
        Usage usage = Usage.one()
                .withSeconds(BigDecimal.valueOf(input.longParam("duration", 5)))
                .withSize((int) input.longParam("width", 1280), (int) input.longParam("height", 720));
        return KeyMaterial.paid(models.billing(input, model, usage));
    }

    @Override
    public WorkOutput execute(WorkInput input, WorkContext context) throws Exception {
        ModelSpec model = models.effective(input, Modality.VIDEO);
        String prompt = input.input("prompt").isPresent() ? input.requireSingle("prompt").text() : "";
        VideoJob job = new VideoJob(model, input.requireSingle("image"), prompt,
                (int) input.longParam("duration", 5), (int) input.longParam("width", 1280),
                (int) input.longParam("height", 720), input.longParam("seed", 0),
                (int) input.longParam("variation", 0));
        Generation generation = models.provider(model).video(job, context);
        return ModelOutputs.of("video", generation, "video/", input);
    }
}

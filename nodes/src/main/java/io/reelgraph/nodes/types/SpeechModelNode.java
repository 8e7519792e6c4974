package io.reelgraph.nodes.types;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.reelgraph.nodes.provider.SpeechJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code model.speech}: one audio clip per line of dialogue. Each character can have a voice of
 * its own through the {@code voices} param; in draft runs a character without one still gets a
 * voice derived from its name, so the draft cut tells speakers apart.
 */
public final class SpeechModelNode extends BaseNodeType {

    public static final String ID = "model.speech";
    /** Problem code for a malformed line of the {@code voices} param. */
    static final String INVALID_VOICES = "INVALID_VOICES";

    private final ModelSupport models;

    SpeechModelNode(ModelSupport models) {
        super(ID, 1, "Speech model", "Speaks each line of dialogue with a text-to-speech model.",
                NodeCategory.MODEL,
                List.of(PortSpec.one("line", PortType.DIALOGUE, "a line of dialogue")),
                List.of(PortSpec.one("audio", PortType.AUDIO, "the spoken line")),
                List.of(Params.model("speech model id from the model catalog"),
                        Params.text("voice", "narrator", "voice for characters without one"),
                        Params.longText("voices", "",
                                "one CHARACTER=voice pair per line, such as JUNO=Rachel"),
                        Params.seed(), Params.variation()));
        this.models = models;
    }

    @Override
    public boolean paid() {
        return true;
    }

    @Override
    public List<Problem> validate(ValidationInput input) {
        List<Problem> problems = new ArrayList<>(models.validate(input, Modality.SPEECH));
        try {
            voices(input.params().path("voices").asText(""));
        } catch (IllegalArgumentException e) {
            problems.add(Problem.error(INVALID_VOICES, e.getMessage(), input.node(), null));
        }
        return problems;
    }

    @Override
    public KeyMaterial prepare(WorkInput input) throws NodeException {
        ModelSpec model = models.effective(input, Modality.SPEECH);
        long characters = input.pending("line") ? 0 : line(input).text().length();
        return KeyMaterial.paid(models.billing(input, model, Usage.characters(characters)));
    }

    @Override
    public WorkOutput execute(WorkInput input, WorkContext context) throws Exception {
        ModelSpec model = models.effective(input, Modality.SPEECH);
        SpokenLine line = line(input);
        SpeechJob job = new SpeechJob(model, line.text(), voiceFor(input, line, model),
                input.longParam("seed", 0), (int) input.longParam("variation", 0));
        Generation generation = models.provider(model).speech(job, context);
        return ModelOutputs.of("audio", generation, "audio/", input);
    }

    /** A line of dialogue as the screenplay node puts it out. */
    record SpokenLine(String character, String parenthetical, String text) {
    }

    private static SpokenLine line(WorkInput input) throws NodeException {
        JsonNode json;
        try {
            json = input.requireSingle("line").jsonUnsafe();
        } catch (IllegalStateException e) {
            json = null;
        }
        if (json == null || !json.path("text").isTextual() || !json.path("character").isTextual()) {
            throw new NodeException("Node " + input.node() + " input 'line' is not a line of"
                    + " dialogue with a character and a text; connect a screenplay's dialogue"
                    + " output");
        }
        return new SpokenLine(json.path("character").asText(),
                json.path("parenthetical").asText(""), json.path("text").asText());
    }

    private static String voiceFor(WorkInput input, SpokenLine line, ModelSpec model)
            throws NodeException {
        Map<String, String> voices;
        try {
            voices = voices(input.stringParam("voices"));
        } catch (IllegalArgumentException e) {
            throw new NodeException("Node " + input.node() + ": " + e.getMessage());
        }
        String mapped = voices.get(line.character().toUpperCase(Locale.ROOT));
        if (mapped != null) {
            return mapped;
        }
        return model.isDraft() ? line.character() : input.stringParam("voice");
    }

    /** Parses {@code CHARACTER=voice} lines; blank lines and lines starting with # are skipped. */
    static Map<String, String> voices(String text) {
        Map<String, String> voices = new LinkedHashMap<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String entry = lines[i].strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0 || equals == entry.length() - 1) {
                throw new IllegalArgumentException("voices line " + (i + 1) + " \"" + entry
                        + "\" must look like CHARACTER=voice");
            }
            voices.put(entry.substring(0, equals).strip().toUpperCase(Locale.ROOT),
                    entry.substring(equals + 1).strip());
        }
        return voices;
    }
}

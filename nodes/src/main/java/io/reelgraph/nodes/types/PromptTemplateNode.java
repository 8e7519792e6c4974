package io.reelgraph.nodes.types;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.type.NodeCategory;
import io.reelgraph.engine.type.NodeException;
import io.reelgraph.engine.type.PortSpec;
import io.reelgraph.engine.type.PortType;
import io.reelgraph.engine.type.ValidationInput;
import io.reelgraph.engine.type.WorkContext;
import io.reelgraph.engine.type.WorkInput;
import io.reelgraph.engine.type.WorkOutput;
import io.reelgraph.engine.validate.Problem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code prompt.template}: fills a text template with fields of a scene, such as
 * {@code {scene.heading}. {shot.description}}, and adds a style preset. Runs once per scene.
 */
public final class PromptTemplateNode extends BaseNodeType {

    public static final String ID = "prompt.template";
    /** Problem code for a template that uses a field this node does not fill. */
    static final String UNKNOWN_TEMPLATE_FIELD = "UNKNOWN_TEMPLATE_FIELD";

    /** Style presets: the text each one adds to the prompt. */
    static final Map<String, String> STYLES = styles();

    private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z]+\\.?[A-Za-z]*)}");
    private static final List<String> FIELDS = List.of("scene.number", "scene.heading",
            "scene.location", "scene.timeOfDay", "scene.intExt", "scene.action",
            "scene.characters", "shot.description", "character.name", "style");

    PromptTemplateNode() {
        super(ID, 1, "Prompt template",
                "Writes one prompt per scene from a template over scene fields and a style.",
                NodeCategory.PROMPT,
                List.of(PortSpec.one("scene", PortType.SCENE, "the scene to describe")),
                List.of(PortSpec.one("prompt", PortType.PROMPT, "the filled prompt")),
                List.of(Params.longText("template", "{scene.heading}. {shot.description}",
                                "text with fields such as {scene.heading}, {scene.action},"
                                        + " {shot.description}, {character.name}"),
                        Params.choice("style", "none", List.copyOf(STYLES.keySet()),
                                "style preset added to the prompt"),
                        Params.text("styleText", "", "extra style words added at the end"),
                        Params.integer("maxLength", 1500, 40, 20_000, "characters",
                                "longer prompts are cut at a word boundary")));
    }

    private static Map<String, String> styles() {
        Map<String, String> styles = new LinkedHashMap<>();
        styles.put("none", "");
        styles.put("cinematic", "cinematic film still, anamorphic lens, shallow depth of field,"
                + " motivated lighting");
        styles.put("storyboard", "storyboard panel, rough pencil sketch, grayscale, clear staging");
        styles.put("35mm", "35mm film photograph, natural grain, muted colour");
        styles.put("noir", "film noir, high-contrast black and white, hard shadows");
        styles.put("anime", "anime key frame, clean line art, vivid colour");
        styles.put("watercolour", "loose watercolour illustration, soft edges, paper texture");
        return styles;
    }

    @Override
    public List<Problem> validate(ValidationInput input) {
        List<Problem> problems = new ArrayList<>();
        Matcher matcher = FIELD.matcher(input.params().path("template").asText(""));
        while (matcher.find()) {
            if (!FIELDS.contains(matcher.group(1))) {
                problems.add(Problem.error(UNKNOWN_TEMPLATE_FIELD, "template uses {"
                        + matcher.group(1) + "}, which this node does not fill; use one of "
                        + FIELDS.stream().map(field -> "{" + field + "}").toList(),
                        input.node(), null));
            }
        }
        return problems;
    }

    @Override
    public WorkOutput execute(WorkInput input, WorkContext context) throws NodeException {
        JsonNode scene = input.requireSingle("scene").jsonUnsafe();
        String style = STYLES.getOrDefault(input.stringParam("style"), "");
        String template = input.stringParam("template");
        String filled = fill(template, scene, style, input);
        List<String> parts = new ArrayList<>();
        parts.add(filled);
        if (!style.isEmpty() && !template.contains("{style}")) {
            parts.add(style);
        }
        if (!input.stringParam("styleText").isBlank()) {
            parts.add(input.stringParam("styleText").strip());
        }
        String prompt = cut(String.join(", ", parts).replaceAll("\\s+", " ").strip(),
                (int) input.longParam("maxLength", 1500));
        return WorkOutput.of("prompt", Artifact.ofBytes("text/plain",
                prompt.getBytes(StandardCharsets.UTF_8), false));
    }

    private static String fill(String template, JsonNode scene, String style, WorkInput input)
            throws NodeException {
        Matcher matcher = FIELD.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = field(matcher.group(1), scene, style);
            if (value == null) {
                throw new NodeException("Node " + input.node() + " template uses {"
                        + matcher.group(1) + "}, which this node does not fill; use one of "
                        + FIELDS.stream().map(field -> "{" + field + "}").toList());
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String field(String name, JsonNode scene, String style) {
        JsonNode shots = scene.path("shots");
        JsonNode characters = scene.path("characters");
        return switch (name) {
            case "scene.number" -> scene.path("number").isTextual()
                    ? scene.path("number").asText() : scene.path("index").asText();
            case "scene.heading" -> scene.path("heading").asText();
            case "scene.location" -> scene.path("location").asText();
            case "scene.timeOfDay" -> scene.path("timeOfDay").asText();
            case "scene.intExt" -> scene.path("intExt").asText();
            case "scene.action" -> scene.path("action").asText();
            case "scene.characters" -> joined(characters);
            case "shot.description" -> shots.isArray() && shots.size() > 0
                    ? shots.get(0).path("description").asText() : scene.path("heading").asText();
            case "character.name" -> characters.isArray() && characters.size() > 0
                    ? characters.get(0).asText() : "";
            case "style" -> style;
            default -> null;
        };
    }

    private static String joined(JsonNode values) {
        List<String> texts = new ArrayList<>();
        values.forEach(value -> texts.add(value.asText()));
        return String.join(", ", texts);
    }

    private static String cut(String text, int maxLength) {
        if (text.length() <= maxLength) {
            return text;
        }
        int space = text.lastIndexOf(' ', maxLength);
        return text.substring(0, space > maxLength / 2 ? space : maxLength);
    }
}

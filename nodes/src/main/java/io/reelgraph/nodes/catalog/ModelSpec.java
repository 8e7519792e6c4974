package io.reelgraph.nodes.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One model as the catalog describes it.
 *
 * @param id {@code provider/apiModel}, such as {@code fal/fal-ai/flux/dev}
 * @param apiModel the model name the provider's API expects
 * @param params param schemas in catalog order
 * @param versionPin the model version sent to the provider; empty when the API has none
 */
public record ModelSpec(
        String id,
        String provider,
        String apiModel,
        String displayName,
        Modality modality,
        List<ModelInput> inputs,
        List<ModelParam> params,
        String versionPin,
        PriceRule price) {

    /** The id of the built-in provider that runs offline and never charges. */
    public static final String DRAFT_PROVIDER = "draft";

    public ModelSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(apiModel, "apiModel");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(modality, "modality");
        inputs = List.copyOf(inputs);
        params = List.copyOf(params);
        Objects.requireNonNull(versionPin, "versionPin");
        Objects.requireNonNull(price, "price");
    }

    public boolean isDraft() {
        return DRAFT_PROVIDER.equals(provider);
    }

    public Optional<ModelParam> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * Checks param values against this model's schema and returns every problem found, such as
     * {@code "duration must be one of [5, 10], got 7"}; an empty list means the values are valid.
     */
    public List<String> validateParams(Map<String, JsonNode> values) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : values.entrySet()) {
            Optional<ModelParam> param = param(entry.getKey());
            if (param.isEmpty()) {
                problems.add("unknown param " + entry.getKey() + " for model " + id
                        + "; known params: " + params.stream().map(ModelParam::name).toList());
                continue;
            }
            param.get().check(entry.getValue()).ifPresent(problems::add);
        }
        for (ModelParam param : params) {
            if (param.required() && !values.containsKey(param.name())) {
                problems.add(param.name() + " is required for model " + id);
            }
        }
        return problems;
    }

    /** Estimates the cost of one work item after {@link #completeUsage} fills in the defaults. */
    public PriceEstimate estimate(Usage usage) {
        return price.estimate(completeUsage(usage));
    }

    /**
     * Fills what the usage leaves unset from the params: the table lookup values from each
     * param's default, and width, height and seconds from the params marked with a usage field.
     * A count param overrides the usage count only when the usage names that param.
     */
    public Usage completeUsage(Usage usage) {
        Map<String, String> chosen = new LinkedHashMap<>();
        for (ModelParam param : params) {
            param.defaultValue().ifPresent(value -> chosen.put(param.name(), value.asText()));
        }
        chosen.putAll(usage.params());

        Usage completed = new Usage(usage.count(), usage.width(), usage.height(), usage.seconds(),
                usage.characters(), usage.inputTokens(), usage.outputTokens(), chosen);
        for (ModelParam param : params) {
            if (param.usage().isEmpty() || !chosen.containsKey(param.name())) {
                continue;
            }
            completed = fill(completed, param, param.usage().get(), chosen.get(param.name()),
                    usage.params().containsKey(param.name()));
        }
        return completed;
    }

    private static Usage fill(
            Usage usage, ModelParam param, UsageField field, String text, boolean explicit) {
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(param.name() + " must be a number to estimate the"
                    + " price, got \"" + text + "\"", e);
        }
        return switch (field) {
            case COUNT -> explicit ? usage.withCount(value.intValueExact()) : usage;
            case WIDTH -> usage.width() == 0
                    ? usage.withSize(value.intValueExact(), usage.height()) : usage;
            case HEIGHT -> usage.height() == 0
                    ? usage.withSize(usage.width(), value.intValueExact()) : usage;
            case SECONDS -> usage.seconds().signum() == 0
                    ? usage.withSeconds(toSeconds(value, param.unit())) : usage;
        };
    }

    private static BigDecimal toSeconds(BigDecimal value, String unit) {
        if ("ms".equals(unit)) {
            return value.movePointLeft(3);
        }
        return value;
    }
}

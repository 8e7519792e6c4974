package io.reelgraph.nodes.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads one catalog file into specs, collecting every invalid entry with its line, column and
 * field before it gives up, so a user fixes the whole file in one pass.
 */
final class CatalogReader {

    static final String FORMAT = "reelgraph-catalog";
    static final int VERSION = 1;

    private static final Pattern PROVIDER_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern ENVIRONMENT_VARIABLE = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern AS_OF = Pattern.compile("\\d{4}(-\\d{2}(-\\d{2})?)?");

    private static final Set<String> TOP_FIELDS = Set.of("format", "version", "providers", "models");
    private static final Set<String> PROVIDER_FIELDS =
            Set.of("id", "displayName", "baseUrl", "keyEnvironmentVariable", "docs");
    private static final Set<String> MODEL_FIELDS = Set.of("id", "provider", "apiModel",
            "displayName", "modality", "inputs", "params", "versionPin", "price");
    private static final Set<String> PARAM_FIELDS =
            Set.of("kind", "default", "min", "max", "allowed", "unit", "required", "usage");
    private static final Set<String> PRICE_FIELDS = Set.of("unit", "usd", "table", "minimumUsd",
            "firstUnitUsd", "megapixelRounding", "source", "asOf", "confidence", "notes", "tokens",
            "creditUsd");
    private static final Set<String> TOKEN_FIELDS = Set.of("inputUsd", "imageInputUsd",
            "outputUsd");
    private static final Set<String> TABLE_FIELDS = Set.of("by", "usd");

    /** The specs one file defines, in file order. */
    record Contents(List<ProviderSpec> providers, List<ModelSpec> models) {
    }

    private final String file;
    private final LocatedJson json;
    private final List<String> problems = new ArrayList<>();

    private CatalogReader(String file, LocatedJson json) {
        this.file = file;
        this.json = json;
    }

    /**
     * Reads a catalog file.
     *
     * @param file the name used in messages
     * @param knownProviders providers defined before this file; a model may name these or the
     *     providers of this file
     * @throws CatalogException listing every problem found, each with its location
     */
    static Contents read(String file, byte[] bytes, Map<String, ProviderSpec> knownProviders)
            throws CatalogException {
        LocatedJson json;
        try {
            json = LocatedJson.parse(bytes);
        } catch (JsonProcessingException e) {
            throw new CatalogException(file,
                    locate(file, e.getLocation()) + ": malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CatalogException(file, file + ": failed to read: " + e.getMessage(), e);
        }

        CatalogReader reader = new CatalogReader(file, json);
        Contents contents = reader.readTop(knownProviders);
        if (!reader.problems.isEmpty()) {
            throw new CatalogException(file, reader.problems);
        }
        return contents;
    }

    private Contents readTop(Map<String, ProviderSpec> knownProviders) {
        Entry top = new Entry(json.root(), "", "catalog", "");
        if (!json.root().isObject()) {
            top.problem(null, "the top level must be a JSON object");
            return new Contents(List.of(), List.of());
        }
        top.rejectUnknown(TOP_FIELDS);
        top.name("format").filter(f -> !f.equals(FORMAT)).ifPresent(f -> top.problem(
                "format", "must be \"" + FORMAT + "\", got \"" + f + "\""));
        top.field("version", true).ifPresent(v -> {
            if (!v.isIntegralNumber() || v.bigIntegerValue().intValue() != VERSION) {
                top.problem("version", "must be " + VERSION + ", the only version this build"
                        + " reads, got " + ModelParam.show(v));
            }
        });

        List<ProviderSpec> providers = readList(top, "providers", this::readProvider);
        Map<String, ProviderSpec> visible = new HashMap<>(knownProviders);
        providers.forEach(p -> visible.put(p.id(), p));
        List<ModelSpec> models = readList(top, "models", entry -> readModel(entry, visible));
        return new Contents(providers, models);
    }

    /** Reads each element of an array field, reporting ids that occur twice. */
    private <T> List<T> readList(Entry top, String field, Function<Entry, Optional<T>> reader) {
        List<T> result = new ArrayList<>();
        Optional<JsonNode> array = top.field(field, false);
        if (array.isEmpty()) {
            return result;
        }
        if (!array.get().isArray()) {
            top.problem(field, "must be a JSON array");
            return result;
        }

        Map<String, String> firstSeen = new HashMap<>();
        for (int i = 0; i < array.get().size(); i++) {
            JsonNode element = array.get().get(i);
            String pointer = "/" + field + "/" + i;
            JsonNode id = element.path("id");
            String label = id.isTextual()
                    ? field.substring(0, field.length() - 1) + " '" + id.asText() + "'"
                    : field + "[" + i + "]";
            Entry entry = new Entry(element, pointer, label, "");
            if (!element.isObject()) {
                entry.problem(null, "must be a JSON object");
                continue;
            }
            if (id.isTextual()) {
                String where = locate(file, json.locationOf(pointer));
                String earlier = firstSeen.putIfAbsent(id.asText(), where);
                if (earlier != null) {
                    entry.problem("id", "duplicate id; it is first defined at " + earlier);
                    continue;
                }
            }
            reader.apply(entry).ifPresent(result::add);
        }
        return result;
    }

    private Optional<ProviderSpec> readProvider(Entry entry) {
        int before = problems.size();
        entry.rejectUnknown(PROVIDER_FIELDS);
        Optional<String> id = entry.name("id");
        id.filter(v -> !PROVIDER_ID.matcher(v).matches()).ifPresent(v -> entry.problem("id",
                "must be lower-case letters, digits and hyphens, got \"" + v + "\""));
        Optional<String> displayName = entry.name("displayName");
        Optional<String> baseUrl = entry.url("baseUrl", true);
        Optional<String> key = entry.text("keyEnvironmentVariable", true);
        key.filter(v -> !v.isEmpty() && !ENVIRONMENT_VARIABLE.matcher(v).matches())
                .ifPresent(v -> entry.problem("keyEnvironmentVariable", "must be an environment"
                        + " variable name such as FAL_KEY, or empty for no key, got \"" + v + "\""));
        Optional<String> docs = entry.url("docs", true);
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new ProviderSpec(
                id.orElseThrow(), displayName.orElseThrow(), baseUrl.orElseThrow(),
                key.orElseThrow(), docs.orElseThrow()));
    }

    private Optional<ModelSpec> readModel(Entry entry, Map<String, ProviderSpec> providers) {
        int before = problems.size();
        entry.rejectUnknown(MODEL_FIELDS);
        Optional<String> id = entry.name("id");
        Optional<String> provider = entry.name("provider");
        provider.filter(p -> !providers.containsKey(p)).ifPresent(p -> entry.problem("provider",
                "names unknown provider '" + p + "'; define it under \"providers\""));
        Optional<String> apiModel = entry.name("apiModel");
        if (id.isPresent() && provider.isPresent() && apiModel.isPresent()
                && !id.get().equals(provider.get() + "/" + apiModel.get())) {
            entry.problem("id", "must be provider/apiModel, that is \"" + provider.get() + "/"
                    + apiModel.get() + "\", got \"" + id.get() + "\"");
        }
        Optional<String> displayName = entry.name("displayName");
        Optional<Modality> modality = entry.code("modality", true, Modality::fromCode,
                Modality.values(), Modality::code);
        List<ModelInput> inputs = readInputs(entry);
        List<ModelParam> params = readParams(entry);
        Optional<String> versionPin = entry.text("versionPin", true);
        Optional<PriceRule> price = readPrice(entry, params);
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new ModelSpec(id.orElseThrow(), provider.orElseThrow(),
                apiModel.orElseThrow(), displayName.orElseThrow(), modality.orElseThrow(),
                inputs, params, versionPin.orElseThrow(), price.orElseThrow()));
    }

    private List<ModelInput> readInputs(Entry entry) {
        List<ModelInput> inputs = new ArrayList<>();
        Optional<JsonNode> array = entry.field("inputs", true);
        if (array.isEmpty()) {
            return inputs;
        }
        if (!array.get().isArray() || array.get().isEmpty()) {
            entry.problem("inputs", "must be a non-empty array such as [\"text\", \"image\"]");
            return inputs;
        }
        for (int i = 0; i < array.get().size(); i++) {
            JsonNode input = array.get().get(i);
            Optional<ModelInput> kind = ModelInput.fromCode(input.asText());
            if (!input.isTextual() || kind.isEmpty()) {
                entry.problem("inputs/" + i, "must be one of " + codes(ModelInput.values(),
                        ModelInput::code) + ", got " + ModelParam.show(input));
            } else {
                inputs.add(kind.get());
            }
        }
        return inputs;
    }

    private List<ModelParam> readParams(Entry model) {
        List<ModelParam> params = new ArrayList<>();
        Optional<JsonNode> object = model.field("params", true);
        if (object.isEmpty()) {
            return params;
        }
        if (!object.get().isObject()) {
            model.problem("params", "must be a JSON object of param name to schema");
            return params;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = object.get().fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            Entry entry = model.child("params/" + LocatedJson.escape(name), "params." + name);
            if (!field.getValue().isObject()) {
                model.problem("params/" + LocatedJson.escape(name), "must be a JSON object");
                continue;
            }
            readParam(entry, name).ifPresent(params::add);
        }
        return params;
    }

    private Optional<ModelParam> readParam(Entry entry, String name) {
        int before = problems.size();
        entry.rejectUnknown(PARAM_FIELDS);
        Optional<ParamKind> kind = entry.code("kind", true, ParamKind::fromCode,
                ParamKind.values(), ParamKind::code);
        boolean numeric = kind.filter(k -> k == ParamKind.INTEGER || k == ParamKind.NUMBER)
                .isPresent();
        Optional<BigDecimal> min = entry.number("min");
        Optional<BigDecimal> max = entry.number("max");
        if (!numeric && (min.isPresent() || max.isPresent())) {
            entry.problem("min", "min and max apply to integer and number params only");
        }
        List<JsonNode> allowed = new ArrayList<>();
        entry.field("allowed", false).ifPresent(a -> {
            if (!a.isArray() || a.isEmpty()) {
                entry.problem("allowed", "must be a non-empty array of values");
            } else {
                a.forEach(allowed::add);
            }
        });
        if (kind.filter(k -> k == ParamKind.ENUM).isPresent() && allowed.isEmpty()) {
            entry.problem("allowed", "is required for an enum param");
        }
        String unit = entry.text("unit", false).orElse("");
        boolean required = entry.bool("required");
        Optional<UsageField> usage = entry.code("usage", false, UsageField::fromCode,
                UsageField.values(), UsageField::code);
        if (usage.isPresent() && !numeric) {
            entry.problem("usage", "applies to integer and number params only");
        }
        Optional<JsonNode> defaultValue = entry.field("default", false);
        if (problems.size() > before) {
            return Optional.empty();
        }

        ModelParam param = new ModelParam(name, kind.orElseThrow(), defaultValue, min, max,
                List.of(), unit, required, usage);
        for (int i = 0; i < allowed.size(); i++) {
            param.check(allowed.get(i)).ifPresent(p -> entry.problem("allowed", p));
        }
        ModelParam complete = new ModelParam(name, param.kind(), defaultValue, min, max,
                allowed, unit, required, usage);
        defaultValue.flatMap(complete::check).ifPresent(p -> entry.problem("default", p));
        return problems.size() > before ? Optional.empty() : Optional.of(complete);
    }

    private Optional<PriceRule> readPrice(Entry model, List<ModelParam> params) {
        Optional<JsonNode> node = model.field("price", true);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (!node.get().isObject()) {
            model.problem("price", "must be a JSON object");
            return Optional.empty();
        }
        Entry entry = model.child("price", "price");
        int before = problems.size();
        entry.rejectUnknown(PRICE_FIELDS);
        Optional<PriceUnit> unit = entry.code("unit", true, PriceUnit::fromCode,
                PriceUnit.values(), PriceUnit::code);
        boolean perToken = unit.filter(u -> u == PriceUnit.MILLION_TOKENS).isPresent();
        Optional<TokenPrices> tokens = readTokens(entry, perToken);
        // The input token price is the base amount of a per-token rule.
        Optional<BigDecimal> usd = perToken ? tokens.map(TokenPrices::inputUsd)
                : entry.amount("usd", true);
        if (perToken && entry.field("usd", false).isPresent()) {
            entry.problem("usd", "must be left out with the 1m_tokens unit, whose prices are in"
                    + " \"tokens\"");
        }
        Optional<BigDecimal> creditUsd = entry.amount("creditUsd", false);
        Optional<PriceTable> table = readTable(entry, params);

        Optional<BigDecimal> minimum = entry.amount("minimumUsd", false);
        Optional<BigDecimal> firstUnit = entry.amount("firstUnitUsd", false);
        Optional<MegapixelRounding> rounding = entry.code("megapixelRounding", false,
                MegapixelRounding::fromCode, MegapixelRounding.values(), MegapixelRounding::code);
        boolean megapixel = unit.filter(u -> u == PriceUnit.MEGAPIXEL).isPresent();
        if (unit.isPresent() && !megapixel && firstUnit.isPresent()) {
            entry.problem("firstUnitUsd", "applies to the megapixel unit only");
        }
        if (unit.isPresent() && !megapixel && rounding.isPresent()) {
            entry.problem("megapixelRounding", "applies to the megapixel unit only");
        }

        Optional<String> source = entry.url("source", true);
        Optional<String> asOf = entry.name("asOf");
        asOf.filter(d -> !AS_OF.matcher(d).matches()).ifPresent(d -> entry.problem("asOf",
                "must be a date as yyyy, yyyy-MM or yyyy-MM-dd, got \"" + d + "\""));
        Optional<Confidence> confidence = entry.code("confidence", true, Confidence::fromCode,
                Confidence.values(), Confidence::code);
        String notes = entry.text("notes", false).orElse("");

        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new PriceRule(unit.orElseThrow(), usd.orElseThrow(), table, minimum,
                firstUnit, rounding.orElse(MegapixelRounding.EXACT), source.orElseThrow(),
                asOf.orElseThrow(), confidence.orElseThrow(), notes, tokens, creditUsd));
    }

    private Optional<TokenPrices> readTokens(Entry price, boolean required) {
        Optional<JsonNode> node = price.field("tokens", required);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (!node.get().isObject()) {
            price.problem("tokens", "must be a JSON object with \"inputUsd\" and \"outputUsd\""
                    + " in US dollars per million tokens");
            return Optional.empty();
        }
        Entry tokens = price.child("tokens", "price.tokens");
        tokens.rejectUnknown(TOKEN_FIELDS);
        Optional<BigDecimal> input = tokens.amount("inputUsd", true);
        Optional<BigDecimal> imageInput = tokens.amount("imageInputUsd", false);
        Optional<BigDecimal> output = tokens.amount("outputUsd", true);
        if (input.isEmpty() || output.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TokenPrices(input.get(), imageInput, output.get()));
    }

    private Optional<PriceTable> readTable(Entry price, List<ModelParam> params) {
        Optional<JsonNode> node = price.field("table", false);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (!node.get().isObject()) {
            price.problem("table", "must be a JSON object with \"by\" and \"usd\"");
            return Optional.empty();
        }
        Entry table = price.child("table", "price.table");
        int before = problems.size();
        table.rejectUnknown(TABLE_FIELDS);

        List<ModelParam> by = new ArrayList<>();
        table.field("by", true).ifPresent(array -> {
            if (!array.isArray() || array.isEmpty()) {
                table.problem("by", "must be a non-empty array of param names");
                return;
            }
            for (JsonNode name : array) {
                Optional<ModelParam> param = params.stream()
                        .filter(p -> p.name().equals(name.asText())).findFirst();
                if (param.isEmpty()) {
                    table.problem("by", "names " + ModelParam.show(name)
                            + ", which is not a param of this model");
                } else {
                    by.add(param.get());
                }
            }
        });

        Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        table.field("usd", true).ifPresent(object -> {
            if (!object.isObject() || object.isEmpty()) {
                table.problem("usd", "must be a non-empty object of key to amount");
                return;
            }
            Iterator<String> keys = object.fieldNames();
            while (keys.hasNext()) {
                String key = keys.next();
                String field = "usd/" + LocatedJson.escape(key);
                table.amount(field, true).ifPresent(amount -> amounts.put(key, amount));
                checkTableKey(table, field, key, by);
            }
        });
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new PriceTable(by.stream().map(ModelParam::name).toList(), amounts));
    }

    private static void checkTableKey(Entry table, String field, String key, List<ModelParam> by) {
        if (by.isEmpty()) {
            return;
        }
        String[] parts = key.split(PriceTable.KEY_SEPARATOR, -1);
        if (parts.length != by.size()) {
            table.problem(field, "key \"" + key + "\" must have " + by.size() + " part(s) joined"
                    + " by \"" + PriceTable.KEY_SEPARATOR + "\", one for each of "
                    + by.stream().map(ModelParam::name).toList());
            return;
        }
        for (int i = 0; i < parts.length; i++) {
            ModelParam param = by.get(i);
            String part = parts[i];
            boolean listed = param.allowed().stream().anyMatch(a -> a.asText().equals(part));
            if (!param.allowed().isEmpty() && !listed) {
                table.problem(field, "key \"" + key + "\": " + param.name() + " must be one of "
                        + param.allowedText() + ", got \"" + part + "\"");
            }
        }
    }

    static String locate(String file, JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return file;
        }
        return file + " line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static <T> String codes(T[] values, Function<T, String> code) {
        return Arrays.stream(values).map(code).toList().toString();
    }

    /** One JSON object being read, with the pointer and label that messages use. */
    private final class Entry {

        private final JsonNode node;
        private final String pointer;
        private final String label;
        private final String fieldPrefix;

        Entry(JsonNode node, String pointer, String label, String fieldPrefix) {
            this.node = node;
            this.pointer = pointer;
            this.label = label;
            this.fieldPrefix = fieldPrefix;
        }

        Entry child(String relativePointer, String fieldPath) {
            JsonNode child = node.at("/" + relativePointer);
            return new Entry(child, pointer + "/" + relativePointer, label, fieldPath + ".");
        }

        /** Records a problem at the field, or at this entry when the field is null. */
        void problem(String field, String message) {
            String at = field == null ? pointer : pointer + "/" + field;
            String where = locate(file, json.locationOf(at));
            String fieldName = field == null
                    ? ""
                    : " field '" + fieldPrefix + field.replace('/', '.').replace("~1", "/")
                            .replace("~0", "~") + "'";
            problems.add(where + ": " + label + fieldName + " " + message);
        }

        void rejectUnknown(Set<String> known) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!known.contains(name)) {
                    problem(LocatedJson.escape(name), "is not a known field; known fields are "
                            + known.stream().sorted().toList());
                }
            }
        }

        Optional<JsonNode> field(String name, boolean required) {
            JsonNode value = node.at("/" + name);
            if (value.isMissingNode()) {
                if (required) {
                    problem(null, "is missing field '" + fieldPrefix + name + "'");
                }
                return Optional.empty();
            }
            return Optional.of(value);
        }

        Optional<String> text(String name, boolean required) {
            Optional<JsonNode> value = field(name, required);
            if (value.isPresent() && !value.get().isTextual()) {
                problem(name, "must be a string, got " + ModelParam.show(value.get()));
                return Optional.empty();
            }
            return value.map(JsonNode::asText);
        }

        /** Reads a required string that must not be blank. */
        Optional<String> name(String field) {
            Optional<String> text = text(field, true);
            if (text.filter(String::isBlank).isPresent()) {
                problem(field, "must not be empty");
                return Optional.empty();
            }
            return text;
        }

        Optional<String> url(String name, boolean required) {
            Optional<String> text = required ? name(name) : text(name, false);
            if (text.isEmpty()) {
                return text;
            }
            try {
                URI uri = new URI(text.get());
                if (uri.getScheme() == null) {
                    problem(name, "must be an absolute URL or URN, got \"" + text.get() + "\"");
                    return Optional.empty();
                }
            } catch (URISyntaxException e) {
                problem(name, "must be a URL: " + e.getMessage());
                return Optional.empty();
            }
            return text;
        }

        boolean bool(String name) {
            Optional<JsonNode> value = field(name, false);
            if (value.isPresent() && !value.get().isBoolean()) {
                problem(name, "must be true or false, got " + ModelParam.show(value.get()));
                return false;
            }
            return value.map(JsonNode::booleanValue).orElse(false);
        }

        Optional<BigDecimal> number(String name) {
            Optional<JsonNode> value = field(name, false);
            if (value.isPresent() && !value.get().isNumber()) {
                problem(name, "must be a number, got " + ModelParam.show(value.get()));
                return Optional.empty();
            }
            return value.map(JsonNode::decimalValue);
        }

        /** Reads a non-negative dollar amount given as a JSON number or a decimal string. */
        Optional<BigDecimal> amount(String name, boolean required) {
            Optional<JsonNode> value = field(name, required);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            BigDecimal amount;
            if (value.get().isNumber()) {
                amount = value.get().decimalValue();
            } else if (value.get().isTextual()) {
                try {
                    amount = new BigDecimal(value.get().asText().strip());
                } catch (NumberFormatException e) {
                    problem(name, "must be a decimal amount such as \"0.04\", got "
                            + ModelParam.show(value.get()));
                    return Optional.empty();
                }
            } else {
                problem(name, "must be a decimal amount such as \"0.04\", got "
                        + ModelParam.show(value.get()));
                return Optional.empty();
            }
            if (amount.signum() < 0) {
                problem(name, "must not be negative, got " + amount.toPlainString());
                return Optional.empty();
            }
            return Optional.of(amount);
        }

        <T> Optional<T> code(String name, boolean required, Function<String, Optional<T>> parse,
                T[] values, Function<T, String> code) {
            Optional<String> text = required ? name(name) : text(name, false);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            Optional<T> parsed = parse.apply(text.get());
            if (parsed.isEmpty()) {
                problem(name, "must be one of " + codes(values, code) + ", got \""
                        + text.get() + "\"");
            }
            return parsed;
        }
    }
}

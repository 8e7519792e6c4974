package io.reelgraph.nodes.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.type.Billing;
import io.reelgraph.engine.type.NodeException;
import io.reelgraph.engine.type.ValidationInput;
import io.reelgraph.engine.type.WorkInput;
import io.reelgraph.engine.validate.Problem;
import io.reelgraph.nodes.catalog.Modality;
import io.reelgraph.nodes.catalog.ModelCatalog;
import io.reelgraph.nodes.catalog.ModelSpec;
import io.reelgraph.nodes.catalog.PriceEstimate;
import io.reelgraph.nodes.catalog.Usage;
import io.reelgraph.nodes.provider.Provider;
import io.reelgraph.nodes.provider.Providers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shared logic of the model node types: it finds the model in the catalog, swaps in the draft
 * model of the same modality in draft mode, prices a work item and checks params against the
 * model's schema.
 */
final class ModelSupport {

    /** Problem code for a model id the catalog does not list. */
    static final String UNKNOWN_MODEL = "UNKNOWN_MODEL";
    /** Problem code for a model of the wrong kind, such as a video model on an image node. */
    static final String WRONG_MODALITY = "WRONG_MODALITY";
    /** Problem code for a node param the model's schema rejects. */
    static final String INVALID_MODEL_PARAM = "INVALID_MODEL_PARAM";

    private final ModelCatalog catalog;
    private final Providers providers;

    ModelSupport(ModelCatalog catalog, Providers providers) {
        this.catalog = catalog;
        this.providers = providers;
    }

    /** Returns the model the node names, failing with the node's id when it is unknown. */
    ModelSpec requested(WorkInput input, Modality modality) throws NodeException {
        String id = input.stringParam("model");
        ModelSpec model = catalog.find(id).orElseThrow(() -> new NodeException("Node "
                + input.node() + " names model \"" + id + "\", which the model catalog does not"
                + " list; choose a model from `reelgraph models` or fix the id"));
        if (model.modality() != modality) {
            throw new NodeException("Node " + input.node() + " needs " + article(modality)
                    + " model, but " + id + " makes " + model.modality().code());
        }
        return model;
    }

    /** Returns the model that will run: the requested one, or the draft model in draft mode. */
    ModelSpec effective(WorkInput input, Modality modality) throws NodeException {
        ModelSpec requested = requested(input, modality);
        if (!input.draftMode() || requested.isDraft()) {
            return requested;
        }
        String draftId = "draft/" + modality.code();
        return catalog.find(draftId).orElseThrow(() -> new NodeException(
                "The model catalog has no draft model " + draftId + " for --draft runs"));
    }

    Billing billing(WorkInput input, ModelSpec model, Usage usage) throws NodeException {
        PriceEstimate estimate;
        try {
            estimate = model.estimate(usage.withParams(modelParams(input, model)));
        } catch (IllegalArgumentException e) {
            throw new NodeException("Cannot estimate the price of node " + input.node()
                    + " on model " + model.id() + ": " + e.getMessage());
        }
        return new Billing(model.provider(), model.id(), model.versionPin(),
                (int) input.longParam("variation", 0), estimate.usd(), estimate.basis(),
                model.isDraft());
    }

    Provider provider(ModelSpec model) throws NodeException {
        return providers.require(model.provider(), model.id());
    }

    /** Returns the node params that the model's schema also declares, as text for price tables. */
    private static Map<String, String> modelParams(WorkInput input, ModelSpec model) {
        Map<String, String> chosen = new LinkedHashMap<>();
        ObjectNode params = input.params();
        params.fields().forEachRemaining(field -> {
            if (model.param(field.getKey()).isPresent() && !field.getValue().isNull()) {
                chosen.put(field.getKey(), field.getValue().asText());
            }
        });
        return chosen;
    }

    private static String article(Modality modality) {
        String code = modality.code();
        return ("aeiou".indexOf(code.charAt(0)) >= 0 ? "an " : "a ") + code;
    }

    /** Checks the model param and the params the model's schema shares with the node. */
    List<Problem> validate(ValidationInput input, Modality modality) {
        List<Problem> problems = new ArrayList<>();
        JsonNode id = input.params().path("model");
        if (!id.isTextual()) {
            return problems;
        }
        var model = catalog.find(id.asText());
        if (model.isEmpty()) {
            problems.add(Problem.error(UNKNOWN_MODEL, "model \"" + id.asText() + "\" is not in the"
                    + " model catalog; the node keeps it, but it cannot be estimated or run until"
                    + " you choose a listed model", input.node(), null));
            return problems;
        }
        if (model.get().modality() != modality) {
            problems.add(Problem.error(WRONG_MODALITY, "model " + id.asText() + " makes "
                    + model.get().modality().code() + ", but this node needs "
                    + article(modality) + " model", input.node(), null));
            return problems;
        }
        Map<String, JsonNode> shared = new LinkedHashMap<>();
        input.params().fields().forEachRemaining(field -> {
            if (model.get().param(field.getKey()).isPresent()) {
                shared.put(field.getKey(), field.getValue());
            }
        });
        for (String problem : model.get().validateParams(shared)) {
            if (!problem.contains(" is required for model ")) {
                problems.add(Problem.error(INVALID_MODEL_PARAM, problem, input.node(), null));
            }
        }
        return problems;
    }
}

package io.reelgraph.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.artifact.CanonicalJson;
import io.reelgraph.engine.artifact.ContentHash;
import io.reelgraph.engine.artifact.Item;
import io.reelgraph.engine.artifact.PortValue;
import io.reelgraph.engine.cache.CacheKey;
import io.reelgraph.engine.type.Billing;
import io.reelgraph.engine.type.KeyMaterial;
import io.reelgraph.engine.type.NodeType;
import io.reelgraph.engine.type.ParamSpec;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;

/**
 * Builds the key manifest of a work item and hashes it into its cache key.
 *
 * <p>The manifest holds the node type id and version, the params that affect output, the
 * content hashes of the inputs, the node type's extras and, for paid work, the provider, model,
 * version pin and variation. It never holds layout, the item key, an API key, a key alias, a
 * project or a user. Item keys of list inputs are included, because a node that takes a whole
 * list (a cut, say) groups by them.
 */
final class CacheKeys {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CacheKeys() {
    }

    static ObjectNode manifest(NodeType type, ObjectNode params, SortedMap<String, PortValue> inputs,
            KeyMaterial material) {
        ObjectNode manifest = JSON.objectNode();
        manifest.put("type", type.id());
        manifest.put("version", type.version());
        manifest.set("params", outputParams(type, params));
        manifest.set("inputs", inputHashes(inputs));
        if (!material.extras().isEmpty()) {
            ArrayNode extras = manifest.putArray("extras");
            material.extras().forEach(extras::add);
        }
        material.billing().ifPresent(billing -> manifest.set("billing", billing(billing)));
        return manifest;
    }

    static CacheKey key(ObjectNode manifest) {
        return new CacheKey(ContentHash.of(CanonicalJson.bytes(manifest)).hex());
    }

    private static ObjectNode outputParams(NodeType type, ObjectNode params) {
        ObjectNode kept = JSON.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = params.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            boolean affectsOutput = type.param(field.getKey())
                    .map(ParamSpec::affectsOutput)
                    .orElse(false);
            if (affectsOutput) {
                kept.set(field.getKey(), field.getValue());
            }
        }
        return kept;
    }

    private static ObjectNode inputHashes(SortedMap<String, PortValue> inputs) {
        ObjectNode hashes = JSON.objectNode();
        inputs.forEach((port, value) -> {
            if (value.list()) {
                ArrayNode items = hashes.putArray(port);
                for (Item item : value.items()) {
                    items.addArray().add(item.key()).add(item.artifact().hash().hex());
                }
            } else {
                hashes.put(port, value.single().hash().hex());
            }
        });
        return hashes;
    }

    private static ObjectNode billing(Billing billing) {
        ObjectNode node = JSON.objectNode();
        node.put("provider", billing.provider());
        node.put("model", billing.model());
        node.put("versionPin", billing.versionPin());
        node.put("variation", billing.variation());
        return node;
    }
}

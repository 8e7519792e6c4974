package io.reelgraph.engine.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelgraph.engine.artifact.Artifact;
import io.reelgraph.engine.artifact.ContentHash;
import io.reelgraph.engine.artifact.Item;
import io.reelgraph.engine.artifact.PortValue;
import io.reelgraph.engine.type.OutputFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Encodes result outputs and files as JSON for a cache row. JSON artifacts are inlined; other
 * artifacts are referenced by hash and loaded from the blob store on first use.
 */
final class ResultCodec {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Largest non-JSON artifact kept in its result row instead of the blob store. */
    static final int INLINE_MAX_BYTES = 4096;

    private ResultCodec() {
    }

    static ObjectNode encodeOutputs(Map<String, PortValue> outputs) {
        ObjectNode ports = JSON.objectNode();
        outputs.keySet().stream().sorted().forEach(port -> {
            PortValue value = outputs.get(port);
            ObjectNode encoded = ports.putObject(port);
            encoded.put("list", value.list());
            ArrayNode items = encoded.putArray("items");
            for (Item item : value.items()) {
                ObjectNode entry = encodeArtifact(item.artifact());
                entry.put("key", item.key());
                items.add(entry);
            }
        });
        return ports;
    }

    static ArrayNode encodeFiles(List<OutputFile> files) {
        ArrayNode encoded = JSON.arrayNode();
        for (OutputFile file : files) {
            ObjectNode entry = encodeArtifact(file.content());
            entry.put("path", file.relativePath().toString().replace('\\', '/'));
            encoded.add(entry);
        }
        return encoded;
    }

    private static ObjectNode encodeArtifact(Artifact artifact) {
        ObjectNode entry = JSON.objectNode();
        entry.put("hash", artifact.hash().hex());
        entry.put("mediaType", artifact.mediaType());
        entry.put("size", artifact.size());
        entry.put("draft", artifact.draft());
        if (artifact.isJson()) {
            entry.set("json", artifact.jsonUnsafe());
        } else if (inline(artifact)) {
            entry.put("bytes", java.util.Base64.getEncoder().encodeToString(artifact.bytesUnsafe()));
        }
        return entry;
    }

    static Map<String, PortValue> decodeOutputs(JsonNode ports,
            BiFunction<ContentHash, String, byte[]> blobs) {
        Map<String, PortValue> outputs = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = ports.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            List<Item> items = new ArrayList<>();
            for (JsonNode entry : field.getValue().get("items")) {
                items.add(new Item(entry.get("key").asText(), decodeArtifact(entry, blobs)));
            }
            outputs.put(field.getKey(), new PortValue(field.getValue().get("list").asBoolean(), items));
        }
        return outputs;
    }

    static List<OutputFile> decodeFiles(JsonNode files, BiFunction<ContentHash, String, byte[]> blobs) {
        List<OutputFile> decoded = new ArrayList<>();
        for (JsonNode entry : files) {
            decoded.add(new OutputFile(Path.of(entry.get("path").asText()), decodeArtifact(entry, blobs)));
        }
        return decoded;
    }

    private static Artifact decodeArtifact(JsonNode entry, BiFunction<ContentHash, String, byte[]> blobs) {
        ContentHash hash = new ContentHash(entry.get("hash").asText());
        String mediaType = entry.get("mediaType").asText();
        boolean draft = entry.get("draft").asBoolean();
        if (entry.has("bytes")) {
            byte[] bytes;
            try {
                bytes = java.util.Base64.getDecoder().decode(entry.get("bytes").asText());
            } catch (IllegalArgumentException e) {
                throw new CacheException("Cached artifact " + hash.shortForm()
                        + " has damaged inline bytes", e);
            }
            Artifact artifact = Artifact.ofBytes(mediaType, bytes, draft);
            if (!artifact.hash().equals(hash)) {
                throw new CacheException("Cached artifact " + hash.shortForm()
                        + " does not match its hash");
            }
            return artifact;
        }
        if (entry.has("json")) {
            Artifact artifact = Artifact.ofJson(entry.get("json"), draft);
            if (!artifact.hash().equals(hash)) {
                throw new CacheException("Cached JSON artifact " + hash.shortForm()
                        + " does not match its hash");
            }
            return artifact;
        }
        return Artifact.lazy(hash, mediaType, entry.get("size").asLong(), draft,
                () -> blobs.apply(hash, mediaType));
    }

    /**
     * Returns whether an artifact is small enough to live in its result row. Prompts and other
     * short texts then cost no blob file and no file sync of their own.
     */
    static boolean inline(Artifact artifact) {
        return !artifact.isJson() && artifact.size() <= INLINE_MAX_BYTES;
    }

    /** Returns every artifact of a result that must be in the blob store. */
    static List<Artifact> blobArtifacts(CachedResult result) {
        List<Artifact> blobs = new ArrayList<>();
        for (PortValue value : result.outputs().values()) {
            for (Item item : value.items()) {
                if (!item.artifact().isJson() && !inline(item.artifact())) {
                    blobs.add(item.artifact());
                }
            }
        }
        for (OutputFile file : result.files()) {
            if (!file.content().isJson() && !inline(file.content())) {
                blobs.add(file.content());
            }
        }
        return blobs;
    }
}

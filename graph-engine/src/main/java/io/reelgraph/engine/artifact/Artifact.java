package io.reelgraph.engine.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An immutable output value: a media type and bytes, identified by the SHA-256 of the bytes.
 * JSON values use {@link #JSON} and are stored in canonical form, so equal values share a hash.
 * Large media may be loaded lazily from the blob store.
 *
 * <p>A draft artifact came from the free draft provider, or was made from one; reports and
 * exports label it as a draft.
 */
public final class Artifact {

    public static final String JSON = "application/json";

    private final ContentHash hash;
    private final String mediaType;
    private final long size;
    private final boolean draft;
    private final Supplier<byte[]> loader;
    private volatile byte[] bytes;
    private volatile JsonNode json;

    private Artifact(ContentHash hash, String mediaType, long size, boolean draft, byte[] bytes,
            Supplier<byte[]> loader) {
        this.hash = hash;
        this.mediaType = mediaType;
        this.size = size;
        this.draft = draft;
        this.bytes = bytes;
        this.loader = loader;
    }

    public static Artifact ofBytes(String mediaType, byte[] content, boolean draft) {
        byte[] copy = content.clone();
        return new Artifact(ContentHash.of(copy), mediaType, copy.length, draft, copy, null);
    }

    public static Artifact ofJson(JsonNode value, boolean draft) {
        byte[] canonical = CanonicalJson.bytes(value);
        Artifact artifact = new Artifact(ContentHash.of(canonical), JSON, canonical.length, draft,
                canonical, null);
        artifact.json = value.deepCopy();
        return artifact;
    }

    /** Creates an artifact whose bytes are read on first use, for media kept in the blob store. */
    public static Artifact lazy(ContentHash hash, String mediaType, long size, boolean draft,
            Supplier<byte[]> loader) {
        return new Artifact(hash, mediaType, size, draft, null, Objects.requireNonNull(loader));
    }

    public ContentHash hash() {
        return hash;
    }

    public String mediaType() {
        return mediaType;
    }

    public long size() {
        return size;
    }

    public boolean draft() {
        return draft;
    }

    public boolean isJson() {
        return JSON.equals(mediaType);
    }

    /** Returns a copy of the bytes. */
    public byte[] bytes() {
        return loadBytes().clone();
    }

    /** Returns the bytes without copying; callers must not change them. */
    public byte[] bytesUnsafe() {
        return loadBytes();
    }

    private byte[] loadBytes() {
        byte[] loaded = bytes;
        if (loaded == null) {
            loaded = loader.get();
            bytes = loaded;
        }
        return loaded;
    }

    /** Returns the JSON value; fails for a non-JSON artifact. */
    public JsonNode json() {
        if (!isJson()) {
            throw new IllegalStateException("Artifact " + hash.shortForm() + " is " + mediaType
                    + ", not JSON");
        }
        JsonNode parsed = json;
        if (parsed == null) {
            parsed = JsonSupport.parseTrusted(loadBytes());
            json = parsed;
        }
        return parsed.deepCopy();
    }

    /** Returns the JSON value without copying; callers must not change it. */
    public JsonNode jsonUnsafe() {
        if (json == null) {
            json();
        }
        return json;
    }

    public String text() {
        return new String(loadBytes(), StandardCharsets.UTF_8);
    }

    public Artifact asDraft() {
        return draft ? this : new Artifact(hash, mediaType, size, true, bytes, loader);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Artifact artifact && hash.equals(artifact.hash)
                && mediaType.equals(artifact.mediaType) && draft == artifact.draft;
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return "Artifact[" + mediaType + ", " + size + " bytes, " + hash.shortForm()
                + (draft ? ", draft" : "") + "]";
    }
}

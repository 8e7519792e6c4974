package io.reelgraph.nodes.provider.http;

import io.reelgraph.nodes.media.MediaInfo;
import java.util.Objects;

/**
 * A downloaded result, typed by its bytes.
 *
 * @param bytes the whole body; callers must not change it
 */
public record DownloadedMedia(byte[] bytes, MediaInfo info) {

    public DownloadedMedia {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(info, "info");
    }

    @Override
    public String toString() {
        return "DownloadedMedia[" + info.mediaType() + ", " + bytes.length + " bytes]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DownloadedMedia that && java.util.Arrays.equals(bytes, that.bytes)
                && info.equals(that.info);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(bytes) + info.hashCode();
    }
}

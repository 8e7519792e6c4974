package io.reelgraph.nodes.media;

import java.util.Optional;

/**
 * Types media by its magic bytes, never by a file extension, and reads the exact header
 * fields: PNG, JPEG, GIF and WebP sizes, WAV format and duration, MP3 format, MP4 and
 * QuickTime duration and picture size, and the WebM or Matroska type.
 *
 * <p>Bytes in no known format give an empty result. Bytes that start like a known format but
 * are truncated or malformed raise {@link MalformedMediaException}; the probe never returns a
 * value it could not read in full.
 */
public final class MediaProbe {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] EBML = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};

    private MediaProbe() {
    }

    /**
     * Detects the media type of {@code bytes} and reads its header fields.
     *
     * @return the media info, or empty when the bytes match no supported format
     * @throws MalformedMediaException when the bytes match a format but are truncated or invalid
     */
    public static Optional<MediaInfo> detect(byte[] bytes) throws MalformedMediaException {
        ByteView view = new ByteView(bytes, "unknown");
        if (view.startsWith(0, PNG)) {
            return Optional.of(ImageHeaders.png(new ByteView(bytes, "image/png")));
        }
        if (view.startsWith(0, JPEG)) {
            return Optional.of(ImageHeaders.jpeg(new ByteView(bytes, "image/jpeg")));
        }
        if (view.startsWith(0, "GIF87a") || view.startsWith(0, "GIF89a")) {
            return Optional.of(ImageHeaders.gif(new ByteView(bytes, "image/gif")));
        }
        if (view.startsWith(0, "RIFF") && view.startsWith(8, "WEBP")) {
            return Optional.of(ImageHeaders.webp(new ByteView(bytes, "image/webp")));
        }
        if (view.startsWith(0, "RIFF") && view.startsWith(8, "WAVE")) {
            return Optional.of(WavHeader.read(new ByteView(bytes, "audio/wav")));
        }
        if (view.startsWith(4, "ftyp") && view.has(8, 4)) {
            String brand = view.ascii(8, 4, "major brand");
            return Optional.of(IsoMediaBoxes.read(
                    new ByteView(bytes, IsoMediaBoxes.mediaType(brand))));
        }
        if (view.startsWith(0, EBML)) {
            return Optional.of(MatroskaHeader.read(new ByteView(bytes, "video/webm")));
        }
        if (view.startsWith(0, "ID3") || Mp3Header.isFrameHeader(view, 0)) {
            return Optional.of(Mp3Header.read(new ByteView(bytes, "audio/mpeg")));
        }
        return Optional.empty();
    }
}

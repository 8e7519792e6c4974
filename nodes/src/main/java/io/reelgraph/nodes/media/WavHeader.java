package io.reelgraph.nodes.media;

import java.util.Optional;

/** Reads format and exact duration from the {@code fmt } and {@code data} chunks of a WAV file. */
final class WavHeader {

    private WavHeader() {
    }

    static MediaInfo read(ByteView wav) throws MalformedMediaException {
        long offset = 12;
        int channels = -1;
        long sampleRate = -1;
        int blockAlign = -1;
        while (true) {
            String id = wav.ascii(offset, 4, "chunk id");
            long size = wav.u32le(offset + 4, "size of chunk '" + id + "'");
            long body = offset + 8;
            if (id.equals("fmt ")) {
                wav.require(body, 16, "fmt chunk");
                channels = wav.u16le(body + 2, "fmt channels");
                sampleRate = wav.u32le(body + 4, "fmt sample rate");
                blockAlign = wav.u16le(body + 12, "fmt block align");
            } else if (id.equals("data")) {
                if (channels < 0) {
                    throw wav.malformed("data chunk at offset " + offset
                            + " comes before any fmt chunk");
                }
                wav.require(body, size, "data chunk");
                return info(wav, channels, sampleRate, blockAlign, size);
            }
            // Chunks are padded to an even size.
            offset = body + size + (size & 1);
        }
    }

    private static MediaInfo info(ByteView wav, int channels, long sampleRate, int blockAlign,
            long dataSize) throws MalformedMediaException {
        if (channels == 0 || sampleRate == 0 || sampleRate > Integer.MAX_VALUE || blockAlign == 0) {
            throw wav.malformed("fmt chunk has channels " + channels + ", sample rate "
                    + sampleRate + " and block align " + blockAlign + "; all must be positive");
        }
        if (dataSize % blockAlign != 0) {
            throw wav.malformed("data size " + dataSize + " is not a whole number of "
                    + blockAlign + "-byte sample frames");
        }
        MediaDuration duration = MediaDuration.of(dataSize / blockAlign, sampleRate);
        return new MediaInfo("audio/wav", 0, 0, Optional.of(duration), (int) sampleRate,
                channels);
    }
}

package io.reelgraph.nodes.media;

/**
 * Reads sample rate and channels from the first MPEG audio Layer III frame header, after an
 * optional ID3v2 tag.
 */
final class Mp3Header {

    private static final int[][] SAMPLE_RATES = {
        {11025, 12000, 8000}, // MPEG 2.5
        {0, 0, 0}, // reserved version
        {22050, 24000, 16000}, // MPEG 2
        {44100, 48000, 32000}, // MPEG 1
    };

    private Mp3Header() {
    }

    /** Tells whether {@code offset} starts a valid Layer III frame header. */
    static boolean isFrameHeader(ByteView view, long offset) {
        if (!view.has(offset, 4)) {
            return false;
        }
        try {
            int b1 = view.u8(offset, "frame sync");
            int b2 = view.u8(offset + 1, "frame sync");
            int b3 = view.u8(offset + 2, "frame header");
            int version = b2 >> 3 & 3;
            int layer = b2 >> 1 & 3;
            int bitrateIndex = b3 >> 4;
            int rateIndex = b3 >> 2 & 3;
            return b1 == 0xFF && (b2 & 0xE0) == 0xE0 && version != 1 && layer == 1
                    && bitrateIndex != 0 && bitrateIndex != 15 && rateIndex != 3;
        } catch (MalformedMediaException unreachable) {
            return false;
        }
    }

    static MediaInfo read(ByteView mp3) throws MalformedMediaException {
        long offset = 0;
        if (mp3.startsWith(0, "ID3")) {
            offset = 10 + id3TagSize(mp3);
            if ((mp3.u8(5, "ID3 flags") & 0x10) != 0) {
                offset += 10;
            }
        }
        mp3.require(offset, 4, "MPEG audio frame header");
        if (!isFrameHeader(mp3, offset)) {
            throw mp3.malformed("no valid MPEG audio Layer III frame header at offset " + offset);
        }
        int b2 = mp3.u8(offset + 1, "frame header");
        int b3 = mp3.u8(offset + 2, "frame header");
        int b4 = mp3.u8(offset + 3, "frame header");
        int sampleRate = SAMPLE_RATES[b2 >> 3 & 3][b3 >> 2 & 3];
        int channels = (b4 >> 6) == 3 ? 1 : 2;
        // NOTE: MP3 stores no exact duration; counting frames or a Xing header gives an estimate.
        return new MediaInfo("audio/mpeg", 0, 0, java.util.Optional.empty(), sampleRate, channels);
    }

    private static long id3TagSize(ByteView mp3) throws MalformedMediaException {
        long size = 0;
        for (int i = 0; i < 4; i++) {
            int b = mp3.u8(6 + i, "ID3 tag size");
            if ((b & 0x80) != 0) {
                throw mp3.malformed("ID3 tag size byte at offset " + (6 + i)
                        + " has its high bit set");
            }
            size = size << 7 | b;
        }
        return size;
    }
}

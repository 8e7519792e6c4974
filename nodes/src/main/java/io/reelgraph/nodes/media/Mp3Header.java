package io.reelgraph.nodes.media;

/**
 * Reads sample rate and channels from the first MPEG audio Layer III frame header, after an
 * optional ID3v2 tag, and the duration by walking the frames: each frame contains 1152 samples
 * (MPEG 1) or 576 (MPEG 2 and 2.5), and its length follows from its bit rate and padding.
 */
final class Mp3Header {

    private static final int[][] SAMPLE_RATES = {
        {11025, 12000, 8000}, // MPEG 2.5
        {0, 0, 0}, // reserved version
        {22050, 24000, 16000}, // MPEG 2
        {44100, 48000, 32000}, // MPEG 1
    };

    /** Layer III bit rates in kbit/s by index, for MPEG 1 and for MPEG 2 and 2.5. */
    private static final int[] MPEG1_KBPS = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192,
        224, 256, 320};
    private static final int[] MPEG2_KBPS = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128,
        144, 160};

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
        long frames = countFrames(mp3, offset);
        int samplesPerFrame = (b2 >> 3 & 3) == 3 ? 1152 : 576;
        // NOTE: this is the decoded length. Encoder delay and padding, which a LAME or Xing
        // header would state, are not subtracted, so it may run a few milliseconds long.
        java.util.Optional<MediaDuration> duration = frames == 0 ? java.util.Optional.empty()
                : java.util.Optional.of(MediaDuration.of(frames * samplesPerFrame, sampleRate));
        return new MediaInfo("audio/mpeg", 0, 0, duration, sampleRate, channels);
    }

    /**
     * Counts the complete frames from {@code offset} until the bytes stop being frames, such as
     * at an ID3v1 tag or the end. A cut-off frame is not counted, so a file cut inside its first
     * frame has no known duration.
     */
    private static long countFrames(ByteView mp3, long offset) throws MalformedMediaException {
        long frames = 0;
        long position = offset;
        while (isFrameHeader(mp3, position)) {
            int b2 = mp3.u8(position + 1, "frame header");
            int b3 = mp3.u8(position + 2, "frame header");
            boolean mpeg1 = (b2 >> 3 & 3) == 3;
            int bitrate = (mpeg1 ? MPEG1_KBPS : MPEG2_KBPS)[b3 >> 4] * 1000;
            int sampleRate = SAMPLE_RATES[b2 >> 3 & 3][b3 >> 2 & 3];
            int padding = b3 >> 1 & 1;
            long length = (mpeg1 ? 144L : 72L) * bitrate / sampleRate + padding;
            if (!mp3.has(position, length)) {
                break;
            }
            // A first frame that carries a Xing or Info header contains no audio.
            if (!(position == offset && carriesInfoHeader(mp3, position, length))) {
                frames++;
            }
            position += length;
        }
        return frames;
    }

    private static boolean carriesInfoHeader(ByteView mp3, long frame, long length)
            throws MalformedMediaException {
        for (long at = frame + 4; at + 4 <= frame + Math.min(length, 64); at++) {
            if (mp3.startsWith(at, "Xing") || mp3.startsWith(at, "Info")) {
                return true;
            }
        }
        return false;
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

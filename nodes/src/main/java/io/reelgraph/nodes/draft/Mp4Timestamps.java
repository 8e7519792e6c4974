package io.reelgraph.nodes.draft;

import java.nio.ByteBuffer;

/**
 * Sets the creation and modification times in the {@code mvhd}, {@code tkhd} and {@code mdhd}
 * boxes of a finished MP4 to zero (1904-01-01, the format's epoch). The jcodec muxer stamps the
 * current time there, which would make equal draft requests give different bytes.
 */
final class Mp4Timestamps {

    private Mp4Timestamps() {
    }

    static void clear(byte[] mp4) {
        clearIn(ByteBuffer.wrap(mp4), 0, mp4.length);
    }

    private static void clearIn(ByteBuffer mp4, long start, long end) {
        long offset = start;
        while (offset + 8 <= end) {
            long size = mp4.getInt((int) offset) & 0xFFFFFFFFL;
            String type = type(mp4, (int) offset + 4);
            int header = 8;
            if (size == 1) {
                size = mp4.getLong((int) offset + 8);
                header = 16;
            } else if (size == 0) {
                size = end - offset;
            }
            if (size < header || offset + size > end) {
                throw new IllegalStateException("The muxer wrote an invalid box '" + type
                        + "' of size " + size + " at offset " + offset);
            }
            int content = (int) (offset + header);
            switch (type) {
                case "moov", "trak", "mdia" -> clearIn(mp4, content, offset + size);
                case "mvhd", "tkhd", "mdhd" -> zeroTimes(mp4, content);
                default -> {
                    // Other boxes carry no timestamps.
                }
            }
            offset += size;
        }
    }

    /** Zeroes the two time fields after the version and flags: 32-bit in version 0, else 64. */
    private static void zeroTimes(ByteBuffer mp4, int content) {
        int timeBytes = mp4.get(content) == 1 ? 16 : 8;
        for (int i = 0; i < timeBytes; i++) {
            mp4.put(content + 4 + i, (byte) 0);
        }
    }

    private static String type(ByteBuffer mp4, int at) {
        char[] chars = new char[4];
        for (int i = 0; i < 4; i++) {
            chars[i] = (char) (mp4.get(at + i) & 0xFF);
        }
        return new String(chars);
    }
}

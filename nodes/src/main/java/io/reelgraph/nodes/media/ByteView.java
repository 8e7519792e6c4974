package io.reelgraph.nodes.media;

import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked reads from the bytes of one media file. Every read names the field it is for,
 * so a truncated file raises a {@link MalformedMediaException} that names the field that was cut off
 * and where, instead of an index exception or a wrong value.
 */
final class ByteView {

    private final byte[] data;
    private final String mediaType;

    ByteView(byte[] data, String mediaType) {
        this.data = data;
        this.mediaType = mediaType;
    }

    int length() {
        return data.length;
    }

    String mediaType() {
        return mediaType;
    }

    boolean has(long offset, long count) {
        return offset >= 0 && count >= 0 && offset + count <= data.length;
    }

    void require(long offset, long count, String field) throws MalformedMediaException {
        if (!has(offset, count)) {
            throw malformed(field + " needs " + count + " bytes at offset " + offset
                    + ", but the data ends at byte " + data.length
                    + ". The file is truncated; download or export it again");
        }
    }

    int u8(long offset, String field) throws MalformedMediaException {
        require(offset, 1, field);
        return data[(int) offset] & 0xFF;
    }

    int u16be(long offset, String field) throws MalformedMediaException {
        require(offset, 2, field);
        int at = (int) offset;
        return (data[at] & 0xFF) << 8 | data[at + 1] & 0xFF;
    }

    int u16le(long offset, String field) throws MalformedMediaException {
        require(offset, 2, field);
        int at = (int) offset;
        return (data[at + 1] & 0xFF) << 8 | data[at] & 0xFF;
    }

    int u24le(long offset, String field) throws MalformedMediaException {
        require(offset, 3, field);
        int at = (int) offset;
        return (data[at + 2] & 0xFF) << 16 | (data[at + 1] & 0xFF) << 8 | data[at] & 0xFF;
    }

    long u32be(long offset, String field) throws MalformedMediaException {
        require(offset, 4, field);
        long value = 0;
        for (int i = 0; i < 4; i++) {
            value = value << 8 | data[(int) offset + i] & 0xFF;
        }
        return value;
    }

    long u32le(long offset, String field) throws MalformedMediaException {
        require(offset, 4, field);
        long value = 0;
        for (int i = 3; i >= 0; i--) {
            value = value << 8 | data[(int) offset + i] & 0xFF;
        }
        return value;
    }

    /** Reads an unsigned 64-bit big-endian value, raising when it does not fit in a long. */
    long u64be(long offset, String field) throws MalformedMediaException {
        require(offset, 8, field);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | data[(int) offset + i] & 0xFF;
        }
        if (value < 0) {
            throw malformed(field + " at offset " + offset + " is larger than 2^63-1");
        }
        return value;
    }

    String ascii(long offset, int count, String field) throws MalformedMediaException {
        require(offset, count, field);
        return new String(data, (int) offset, count, StandardCharsets.ISO_8859_1);
    }

    boolean startsWith(long offset, byte[] prefix) {
        if (!has(offset, prefix.length)) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[(int) offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    boolean startsWith(long offset, String asciiPrefix) {
        return startsWith(offset, asciiPrefix.getBytes(StandardCharsets.ISO_8859_1));
    }

    MalformedMediaException malformed(String detail) {
        return new MalformedMediaException(mediaType, "Malformed " + mediaType + ": " + detail);
    }
}

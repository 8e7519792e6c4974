package io.reelgraph.nodes.media;

/**
 * Reads the DocType of the EBML header that opens WebM and Matroska files, which distinguishes the
 * two.
 */
final class MatroskaHeader {

    private static final long DOC_TYPE_ID = 0x4282;

    private MatroskaHeader() {
    }

    static MediaInfo read(ByteView file) throws MalformedMediaException {
        long[] headerSize = vint(file, 4, "EBML header size");
        long contentStart = 4 + headerSize[1];
        long end = contentStart + headerSize[0];
        file.require(contentStart, headerSize[0], "EBML header");

        String docType = "matroska";
        for (long offset = contentStart; offset < end; ) {
            long[] id = elementId(file, offset);
            long[] size = vint(file, offset + id[1], "EBML element size");
            long dataStart = offset + id[1] + size[1];
            if (dataStart + size[0] > end) {
                throw file.malformed("EBML element at offset " + offset
                        + " ends past the EBML header at byte " + end);
            }
            if (id[0] == DOC_TYPE_ID) {
                docType = file.ascii(dataStart, (int) size[0], "EBML DocType").replace("\0", "");
            }
            offset = dataStart + size[0];
        }
        // NOTE: Matroska stores its duration as a float, so no exact duration is read.
        return MediaInfo.typeOnly(docType.equals("webm") ? "video/webm" : "video/x-matroska");
    }

    /** Reads an element id with its length marker kept; returns {id, length in bytes}. */
    private static long[] elementId(ByteView file, long offset) throws MalformedMediaException {
        int first = file.u8(offset, "EBML element id");
        int length = Integer.numberOfLeadingZeros(first) - 23;
        if (first == 0 || length > 4) {
            throw file.malformed("invalid EBML element id at offset " + offset);
        }
        long id = first;
        for (int i = 1; i < length; i++) {
            id = id << 8 | file.u8(offset + i, "EBML element id");
        }
        return new long[] {id, length};
    }

    /** Reads an EBML variable-size integer; returns {value, length in bytes}. */
    private static long[] vint(ByteView file, long offset, String field)
            throws MalformedMediaException {
        int first = file.u8(offset, field);
        int length = Integer.numberOfLeadingZeros(first) - 23;
        if (first == 0 || length > 8) {
            throw file.malformed("invalid " + field + " at offset " + offset);
        }
        long value = first & (0xFF >> length);
        for (int i = 1; i < length; i++) {
            value = value << 8 | file.u8(offset + i, field);
        }
        if (value == (1L << (7 * length)) - 1) {
            throw file.malformed(field + " at offset " + offset + " is unknown; "
                    + "the EBML header must have a known size");
        }
        return new long[] {value, length};
    }
}

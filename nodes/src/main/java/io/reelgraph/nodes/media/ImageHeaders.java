package io.reelgraph.nodes.media;

/** Reads the pixel size of PNG, JPEG, GIF and WebP images from their headers. */
final class ImageHeaders {

    private ImageHeaders() {
    }

    static MediaInfo png(ByteView png) throws MalformedMediaException {
        // The IHDR chunk must come first: 4-byte length 13, type "IHDR", width, height.
        long length = png.u32be(8, "IHDR chunk length");
        String type = png.ascii(12, 4, "first chunk type");
        if (!type.equals("IHDR") || length != 13) {
            throw png.malformed("the first chunk must be IHDR with length 13, found " + type
                    + " with length " + length);
        }
        int width = positiveDimension(png, png.u32be(16, "IHDR width"), "IHDR width");
        int height = positiveDimension(png, png.u32be(20, "IHDR height"), "IHDR height");
        return MediaInfo.image("image/png", width, height);
    }

    static MediaInfo gif(ByteView gif) throws MalformedMediaException {
        int width = positiveDimension(gif, gif.u16le(6, "logical screen width"),
                "logical screen width");
        int height = positiveDimension(gif, gif.u16le(8, "logical screen height"),
                "logical screen height");
        return MediaInfo.image("image/gif", width, height);
    }

    /**
     * Walks the JPEG marker segments up to the first start-of-frame segment, which contains
     * the image size. Raises when the scan data or the end of the image comes first.
     */
    static MediaInfo jpeg(ByteView jpeg) throws MalformedMediaException {
        long offset = 2;
        while (true) {
            if (jpeg.u8(offset, "marker prefix") != 0xFF) {
                throw jpeg.malformed("expected a 0xFF marker prefix at offset " + offset);
            }
            int marker = jpeg.u8(offset + 1, "marker");
            if (marker == 0xFF) {
                offset++;
                continue;
            }
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD8) {
                offset += 2;
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                throw jpeg.malformed("found marker 0x" + Integer.toHexString(marker).toUpperCase(
                        java.util.Locale.ROOT) + " at offset " + offset
                        + " before any start-of-frame segment");
            }
            int segmentLength = jpeg.u16be(offset + 2, "segment length");
            if (segmentLength < 2) {
                throw jpeg.malformed("segment length " + segmentLength + " at offset "
                        + (offset + 2) + " is below the minimum of 2");
            }
            if (isStartOfFrame(marker)) {
                jpeg.require(offset + 2, segmentLength, "start-of-frame segment");
                int height = positiveDimension(jpeg, jpeg.u16be(offset + 5, "frame height"),
                        "frame height");
                int width = positiveDimension(jpeg, jpeg.u16be(offset + 7, "frame width"),
                        "frame width");
                return MediaInfo.image("image/jpeg", width, height);
            }
            offset += 2 + segmentLength;
        }
    }

    /** Reads the canvas size from the first chunk of a WebP file: VP8, VP8L or VP8X. */
    static MediaInfo webp(ByteView webp) throws MalformedMediaException {
        String chunk = webp.ascii(12, 4, "first chunk type");
        switch (chunk) {
            case "VP8 " -> {
                // A key frame: 3-byte frame tag, start code 9D 01 2A, then 14-bit sizes.
                if (webp.u8(23, "VP8 start code") != 0x9D || webp.u8(24, "VP8 start code") != 0x01
                        || webp.u8(25, "VP8 start code") != 0x2A) {
                    throw webp.malformed("VP8 start code 9D 01 2A is missing at offset 23");
                }
                int width = webp.u16le(26, "VP8 width") & 0x3FFF;
                int height = webp.u16le(28, "VP8 height") & 0x3FFF;
                return MediaInfo.image("image/webp", positiveDimension(webp, width, "VP8 width"),
                        positiveDimension(webp, height, "VP8 height"));
            }
            case "VP8L" -> {
                if (webp.u8(20, "VP8L signature") != 0x2F) {
                    throw webp.malformed("VP8L signature byte 0x2F is missing at offset 20");
                }
                long bits = webp.u32le(21, "VP8L image size");
                int width = (int) (bits & 0x3FFF) + 1;
                int height = (int) (bits >> 14 & 0x3FFF) + 1;
                return MediaInfo.image("image/webp", width, height);
            }
            case "VP8X" -> {
                int width = webp.u24le(24, "VP8X canvas width") + 1;
                int height = webp.u24le(27, "VP8X canvas height") + 1;
                return MediaInfo.image("image/webp", width, height);
            }
            default -> throw webp.malformed("unknown first chunk '" + chunk
                    + "'; expected VP8, VP8L or VP8X");
        }
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF
                && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static int positiveDimension(ByteView view, long value, String field)
            throws MalformedMediaException {
        if (value <= 0 || value > Integer.MAX_VALUE) {
            throw view.malformed(field + " is " + value + "; it must be between 1 and "
                    + Integer.MAX_VALUE);
        }
        return (int) value;
    }
}

package io.reelgraph.nodes.media;

import java.util.Optional;

/**
 * Reads MP4 and QuickTime files (ISO base media file format): the movie duration from the
 * {@code mvhd} box and the picture size from the {@code tkhd} box of the first video track.
 * Every top-level box must lie inside the data, so a file cut short anywhere raises.
 */
final class IsoMediaBoxes {

    /** A box: its type, where its content starts and where the box ends. */
    private record Box(String type, long contentStart, long end) {
    }

    private IsoMediaBoxes() {
    }

    static String mediaType(String majorBrand) {
        return switch (majorBrand) {
            case "qt  " -> "video/quicktime";
            case "M4A ", "M4B " -> "audio/mp4";
            case "avif", "avis" -> "image/avif";
            case "heic", "heix", "mif1", "msf1" -> "image/heic";
            default -> "video/mp4";
        };
    }

    static MediaInfo read(ByteView file) throws MalformedMediaException {
        if (file.mediaType().startsWith("image/")) {
            // NOTE: HEIF and AVIF keep their size in an ispe property; only the type is read.
            return MediaInfo.typeOnly(file.mediaType());
        }
        Box moov = null;
        long offset = 0;
        while (offset < file.length()) {
            Box box = box(file, offset, file.length());
            if (box.type().equals("moov") && moov == null) {
                moov = box;
            }
            offset = box.end();
        }
        if (moov == null) {
            throw file.malformed("no moov box in " + file.length()
                    + " bytes; the file is incomplete or still being written");
        }
        return movie(file, moov);
    }

    private static MediaInfo movie(ByteView file, Box moov) throws MalformedMediaException {
        Optional<MediaDuration> duration = Optional.empty();
        boolean hasMovieHeader = false;
        int width = 0;
        int height = 0;
        for (long offset = moov.contentStart(); offset < moov.end(); ) {
            Box child = box(file, offset, moov.end());
            if (child.type().equals("mvhd")) {
                duration = movieDuration(file, child);
                hasMovieHeader = true;
            } else if (child.type().equals("trak") && width == 0 && isVideoTrack(file, child)) {
                long[] size = trackSize(file, child);
                width = (int) size[0];
                height = (int) size[1];
            }
            offset = child.end();
        }
        if (!hasMovieHeader) {
            throw file.malformed("moov box at offset " + (moov.contentStart() - 8)
                    + " has no mvhd box");
        }
        return new MediaInfo(file.mediaType(), width, height, duration, 0, 0);
    }

    /** Reads timescale and duration. A duration of all one bits marks the duration as unknown. */
    private static Optional<MediaDuration> movieDuration(ByteView file, Box mvhd)
            throws MalformedMediaException {
        long at = mvhd.contentStart();
        int version = file.u8(at, "mvhd version");
        long timescale;
        long duration;
        boolean unknown;
        if (version == 1) {
            file.require(at, 32, "mvhd version 1 fields");
            timescale = file.u32be(at + 20, "mvhd timescale");
            duration = file.u64be(at + 24, "mvhd duration");
            unknown = false;
            if (file.u32be(at + 24, "mvhd duration") == 0xFFFFFFFFL
                    && file.u32be(at + 28, "mvhd duration") == 0xFFFFFFFFL) {
                unknown = true;
            }
        } else if (version == 0) {
            file.require(at, 20, "mvhd version 0 fields");
            timescale = file.u32be(at + 12, "mvhd timescale");
            duration = file.u32be(at + 16, "mvhd duration");
            unknown = duration == 0xFFFFFFFFL;
        } else {
            throw file.malformed("mvhd version " + version + " is unknown; expected 0 or 1");
        }
        if (at + (version == 1 ? 32 : 20) > mvhd.end()) {
            throw file.malformed("mvhd box ending at offset " + mvhd.end()
                    + " is too short for its version " + version + " fields");
        }
        if (timescale == 0) {
            throw file.malformed("mvhd timescale is 0");
        }
        return unknown ? Optional.empty() : Optional.of(MediaDuration.of(duration, timescale));
    }

    private static boolean isVideoTrack(ByteView file, Box trak) throws MalformedMediaException {
        Optional<Box> mdia = child(file, trak, "mdia");
        if (mdia.isEmpty()) {
            return false;
        }
        Optional<Box> hdlr = child(file, mdia.get(), "hdlr");
        if (hdlr.isEmpty()) {
            return false;
        }
        file.require(hdlr.get().contentStart(), 12, "hdlr fields");
        return file.ascii(hdlr.get().contentStart() + 8, 4, "hdlr handler type").equals("vide");
    }

    /** Reads the 16.16 fixed-point width and height of the tkhd box, rounded down to pixels. */
    private static long[] trackSize(ByteView file, Box trak) throws MalformedMediaException {
        Optional<Box> tkhd = child(file, trak, "tkhd");
        if (tkhd.isEmpty()) {
            throw file.malformed("video trak box has no tkhd box");
        }
        long at = tkhd.get().contentStart();
        int version = file.u8(at, "tkhd version");
        long sizeAt = at + (version == 1 ? 88 : 76);
        if (sizeAt + 8 > tkhd.get().end()) {
            throw file.malformed("tkhd box ending at offset " + tkhd.get().end()
                    + " is too short for its width and height");
        }
        return new long[] {
            file.u32be(sizeAt, "tkhd width") >> 16, file.u32be(sizeAt + 4, "tkhd height") >> 16
        };
    }

    private static Optional<Box> child(ByteView file, Box parent, String type)
            throws MalformedMediaException {
        for (long offset = parent.contentStart(); offset < parent.end(); ) {
            Box child = box(file, offset, parent.end());
            if (child.type().equals(type)) {
                return Optional.of(child);
            }
            offset = child.end();
        }
        return Optional.empty();
    }

    /** Reads the box header at {@code offset}; the box must end at or before {@code limit}. */
    private static Box box(ByteView file, long offset, long limit) throws MalformedMediaException {
        long size = file.u32be(offset, "box size");
        String type = file.ascii(offset + 4, 4, "box type");
        long headerSize = 8;
        if (size == 1) {
            size = file.u64be(offset + 8, "64-bit size of box '" + type + "'");
            headerSize = 16;
        } else if (size == 0) {
            size = limit - offset;
        }
        if (size < headerSize) {
            throw file.malformed("box '" + type + "' at offset " + offset + " has size " + size
                    + ", smaller than its " + headerSize + "-byte header");
        }
        if (offset + size > limit) {
            throw file.malformed("box '" + type + "' at offset " + offset + " has size " + size
                    + " and ends past its container at byte " + limit
                    + ". The file is truncated; download or export it again");
        }
        return new Box(type, offset + headerSize, offset + size);
    }
}

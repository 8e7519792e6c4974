package io.reelgraph.nodes.cut;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A video frame rate that an NLE timeline can use. NTSC rates are exact fractions
 * (23.976 = 24000/1001), and the 29.97 and 59.94 rates come in non-drop and drop-frame
 * timecode variants that share one frame duration.
 */
public enum FrameRate {
    FPS_23_976("23.976", 1001, 24000, 24, false, "23.98", "24000/1001"),
    FPS_24("24", 1, 24, 24, false),
    FPS_25("25", 1, 25, 25, false),
    FPS_29_97("29.97", 1001, 30000, 30, false, "29.97ndf", "30000/1001"),
    FPS_29_97_DF("29.97df", 1001, 30000, 30, true),
    FPS_30("30", 1, 30, 30, false),
    FPS_50("50", 1, 50, 50, false),
    FPS_59_94("59.94", 1001, 60000, 60, false, "59.94ndf", "60000/1001"),
    FPS_59_94_DF("59.94df", 1001, 60000, 60, true),
    FPS_60("60", 1, 60, 60, false);

    private final String label;
    private final RationalTime frameDuration;
    private final int timecodeBase;
    private final boolean dropFrame;
    private final List<String> aliases;

    FrameRate(String label, long durationNumerator, long durationDenominator, int timecodeBase,
            boolean dropFrame, String... aliases) {
        this.label = label;
        this.frameDuration = RationalTime.of(durationNumerator, durationDenominator);
        this.timecodeBase = timecodeBase;
        this.dropFrame = dropFrame;
        this.aliases = List.of(aliases);
    }

    /**
     * Parses a rate such as {@code "24"}, {@code "23.976"} or {@code "29.97df"}, ignoring case,
     * surrounding space and a trailing {@code fps}.
     */
    public static FrameRate parse(String text) {
        String key = text.trim().toLowerCase(Locale.ROOT).replaceFirst("\\s*fps$", "");
        for (FrameRate rate : values()) {
            if (rate.label.equals(key) || rate.aliases.contains(key)) {
                return rate;
            }
        }
        throw new TimelineFormatException("Unknown frame rate \"" + text + "\"; use one of "
                + Arrays.stream(values()).map(FrameRate::label).collect(Collectors.joining(", ")));
    }

    /** Returns the canonical text form that {@link #parse} reads back, such as {@code 29.97df}. */
    public String label() {
        return label;
    }

    /** Returns the exact length of one frame in seconds, such as 1001/24000 for 23.976. */
    public RationalTime frameDuration() {
        return frameDuration;
    }

    /** Returns the frames per timecode second: 24 for 23.976, 30 for 29.97. */
    public int timecodeBase() {
        return timecodeBase;
    }

    public boolean dropFrame() {
        return dropFrame;
    }

    /** Frame numbers skipped at the start of each drop-frame minute: 2 at 29.97, 4 at 59.94. */
    int droppedPerMinute() {
        return dropFrame ? timecodeBase / 15 : 0;
    }

    /** Returns the time at which frame {@code frames} starts. */
    public RationalTime timeOf(long frames) {
        return frameDuration.times(frames);
    }

    /**
     * Returns the whole number of frames in {@code time}, which must lie on the frame grid.
     *
     * @throws TimelineFormatException when the time falls between two frames
     */
    public long framesIn(RationalTime time) {
        if (!time.isMultipleOf(frameDuration)) {
            throw new TimelineFormatException("Time " + time.toFcpxml() + " is not a whole number"
                    + " of " + label + " fps frames (" + frameDuration.toFcpxml() + " each)");
        }
        return time.floorDiv(frameDuration);
    }

    /** Returns the frames needed to cover {@code time}, counting a partial frame as one. */
    public long framesCovering(RationalTime time) {
        return time.ceilDiv(frameDuration);
    }

    /** Returns {@code time} in frames rounded to the nearest frame, halves up. */
    public long framesNearest(RationalTime time) {
        return time.roundDiv(frameDuration);
    }

    @Override
    public String toString() {
        return label;
    }
}

package io.reelgraph.nodes.cut;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SMPTE timecode label {@code HH:MM:SS:FF}. The label alone does not fix a frame number:
 * {@link #toFrame} and {@link #ofFrame} count frames in a given {@link FrameRate}, skipping the
 * drop-frame labels when the rate is drop-frame.
 */
public record Timecode(int hours, int minutes, int seconds, int frames) {

    /** 01:00:00:00, the usual record start of a timeline. */
    public static final Timecode ONE_HOUR = new Timecode(1, 0, 0, 0);

    private static final Pattern TEXT =
            Pattern.compile("(\\d{2}):(\\d{2}):(\\d{2})[:;.,](\\d{2,3})");

    public Timecode {
        if (hours < 0 || hours > 99 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59
                || frames < 0) {
            throw new TimelineFormatException("Invalid timecode " + plain(hours, minutes, seconds,
                    frames) + "; hours must be 00-99, minutes and seconds 00-59, frames >= 0");
        }
    }

    /**
     * Parses {@code HH:MM:SS:FF}; the last separator may be {@code :}, {@code ;}, {@code .} or
     * {@code ,} as NLEs write it for drop-frame.
     */
    public static Timecode parse(String text) {
        Matcher matcher = TEXT.matcher(text.trim());
        if (!matcher.matches()) {
            throw new TimelineFormatException("Invalid timecode \"" + text
                    + "\"; expected HH:MM:SS:FF or HH:MM:SS;FF");
        }
        return new Timecode(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3)), Integer.parseInt(matcher.group(4)));
    }

    /** Returns the label of frame {@code frame} counted from 00:00:00:00 in {@code rate}. */
    public static Timecode ofFrame(long frame, FrameRate rate) {
        if (frame < 0) {
            throw new IllegalArgumentException("Frame " + frame + " must not be negative");
        }
        long base = rate.timecodeBase();
        long label = frame;
        if (rate.dropFrame()) {
            // Each 10-minute block keeps all labels in its first minute and drops the first
            // labels of the other nine, so add back the labels dropped before this frame.
            long dropped = rate.droppedPerMinute();
            long perMinute = 60 * base - dropped;
            long perTenMinutes = 600 * base - 9 * dropped;
            long blocks = frame / perTenMinutes;
            long inBlock = frame % perTenMinutes;
            label += 9 * dropped * blocks;
            if (inBlock >= dropped) {
                label += dropped * ((inBlock - dropped) / perMinute);
            }
        }
        long totalSeconds = label / base;
        long hours = totalSeconds / 3600;
        if (hours > 99) {
            throw new IllegalArgumentException("Frame " + frame + " at " + rate.label()
                    + " fps is past 99:59:59, the largest timecode");
        }
        return new Timecode((int) hours, (int) (totalSeconds / 60 % 60), (int) (totalSeconds % 60),
                (int) (label % base));
    }

    /**
     * Returns the frame number of this label in {@code rate}.
     *
     * @throws TimelineFormatException when the frames field reaches the rate's timecode base, or
     *     when the label is one that drop-frame counting skips
     */
    public long toFrame(FrameRate rate) {
        if (frames >= rate.timecodeBase()) {
            throw new TimelineFormatException("Timecode " + format(rate) + " has frame " + frames
                    + " but " + rate.label() + " fps labels run 00-"
                    + (rate.timecodeBase() - 1));
        }
        long totalMinutes = 60L * hours + minutes;
        long frame = (totalMinutes * 60 + seconds) * rate.timecodeBase() + frames;
        if (!rate.dropFrame()) {
            return frame;
        }
        if (seconds == 0 && frames < rate.droppedPerMinute() && minutes % 10 != 0) {
            throw new TimelineFormatException("Timecode " + format(rate) + " does not exist in "
                    + rate.label() + ": drop-frame skips frames 00-"
                    + String.format("%02d", rate.droppedPerMinute() - 1)
                    + " at the start of each minute except every tenth");
        }
        return frame - rate.droppedPerMinute() * (totalMinutes - totalMinutes / 10);
    }

    /** Formats the label with {@code ;} before the frames for drop-frame rates. */
    public String format(FrameRate rate) {
        String text = plain(hours, minutes, seconds, frames);
        return rate.dropFrame() ? text.substring(0, 8) + ';' + text.substring(9) : text;
    }

    /** Returns the label with {@code :} separators. */
    @Override
    public String toString() {
        return plain(hours, minutes, seconds, frames);
    }

    private static String plain(int hours, int minutes, int seconds, int frames) {
        return String.format("%02d:%02d:%02d:%02d", hours, minutes, seconds, frames);
    }
}

package io.reelgraph.nodes.media;

/**
 * An exact duration in seconds, as the fraction {@code numerator / denominator}, always stored
 * reduced so that equal durations are equal records. Media durations are rational by nature
 * (samples over a sample rate, ticks over a timescale), so they are never kept as a double.
 *
 * @param numerator   seconds times the denominator, zero or more
 * @param denominator a positive divisor
 */
public record MediaDuration(long numerator, long denominator) {

    public MediaDuration {
        if (denominator <= 0) {
            throw new IllegalArgumentException(
                    "Duration denominator must be positive, got " + denominator);
        }
        if (numerator < 0) {
            throw new IllegalArgumentException(
                    "Duration numerator must not be negative, got " + numerator);
        }
        long divisor = gcd(numerator, denominator);
        numerator /= divisor;
        denominator /= divisor;
    }

    /** Creates the duration of {@code count} units at {@code unitsPerSecond} units per second. */
    public static MediaDuration of(long count, long unitsPerSecond) {
        return new MediaDuration(count, unitsPerSecond);
    }

    /** Returns the duration in seconds as a double, for display only; compare records instead. */
    public double toSeconds() {
        return (double) numerator / denominator;
    }

    @Override
    public String toString() {
        return numerator + "/" + denominator + " s";
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long remainder = a % b;
            a = b;
            b = remainder;
        }
        return a;
    }
}

package io.reelgraph.nodes.cut;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An exact time in seconds, stored as a reduced fraction with a positive denominator.
 * Arithmetic throws {@link ArithmeticException} when a result no longer fits in a {@code long}.
 */
public record RationalTime(long numerator, long denominator) implements Comparable<RationalTime> {

    public static final RationalTime ZERO = new RationalTime(0, 1);

    private static final Pattern FCPXML_TIME = Pattern.compile("(-?\\d+)(?:/(\\d+))?s");

    /** Reduces the fraction and moves the sign to the numerator. */
    public RationalTime {
        if (denominator == 0) {
            throw new IllegalArgumentException("Denominator of " + numerator + "/0 must not be 0");
        }
        if (denominator < 0) {
            numerator = Math.negateExact(numerator);
            denominator = Math.negateExact(denominator);
        }
        long gcd = gcd(Math.abs(numerator), denominator);
        numerator /= gcd;
        denominator /= gcd;
    }

    public static RationalTime of(long numerator, long denominator) {
        return new RationalTime(numerator, denominator);
    }

    public static RationalTime ofSeconds(long seconds) {
        return new RationalTime(seconds, 1);
    }

    /**
     * Parses an FCPXML time value such as {@code 1001/24000s}, {@code 5s} or {@code 0s}. Any
     * denominator is accepted, because Final Cut Pro writes unreduced fractions.
     */
    public static RationalTime parseFcpxml(String text) {
        Matcher matcher = FCPXML_TIME.matcher(text.trim());
        if (!matcher.matches()) {
            throw new TimelineFormatException("Invalid FCPXML time \"" + text
                    + "\"; expected seconds such as \"5s\" or \"1001/24000s\"");
        }
        long numerator = Long.parseLong(matcher.group(1));
        long denominator = matcher.group(2) == null ? 1 : Long.parseLong(matcher.group(2));
        if (denominator == 0) {
            throw new TimelineFormatException("Invalid FCPXML time \"" + text
                    + "\"; the denominator must not be 0");
        }
        return new RationalTime(numerator, denominator);
    }

    public RationalTime plus(RationalTime other) {
        return exact(big(numerator).multiply(big(other.denominator))
                        .add(big(other.numerator).multiply(big(denominator))),
                big(denominator).multiply(big(other.denominator)));
    }

    public RationalTime minus(RationalTime other) {
        return plus(other.negate());
    }

    public RationalTime times(long factor) {
        return exact(big(numerator).multiply(big(factor)), big(denominator));
    }

    public RationalTime negate() {
        return new RationalTime(Math.negateExact(numerator), denominator);
    }

    public boolean isZero() {
        return numerator == 0;
    }

    public boolean isNegative() {
        return numerator < 0;
    }

    /**
     * Returns this time divided by {@code unit}, rounded towards negative infinity, for example
     * the number of whole frames when {@code unit} is a frame duration.
     */
    public long floorDiv(RationalTime unit) {
        BigInteger[] quotient = quotientAndRemainder(unit);
        return quotient[1].signum() < 0
                ? quotient[0].subtract(BigInteger.ONE).longValueExact()
                : quotient[0].longValueExact();
    }

    /** Returns this time divided by {@code unit}, rounded towards positive infinity. */
    public long ceilDiv(RationalTime unit) {
        BigInteger[] quotient = quotientAndRemainder(unit);
        return quotient[1].signum() > 0
                ? quotient[0].add(BigInteger.ONE).longValueExact()
                : quotient[0].longValueExact();
    }

    /** Returns this time divided by {@code unit}, rounded to the nearest integer, halves up. */
    public long roundDiv(RationalTime unit) {
        return plus(unit.halved()).floorDiv(unit);
    }

    /** Returns whether this time is a whole multiple of {@code unit}. */
    public boolean isMultipleOf(RationalTime unit) {
        return quotientAndRemainder(unit)[1].signum() == 0;
    }

    /** Formats the time the way FCPXML writes it: {@code 5s}, {@code 0s} or {@code 1001/24000s}. */
    public String toFcpxml() {
        return denominator == 1 ? numerator + "s" : numerator + "/" + denominator + "s";
    }

    @Override
    public int compareTo(RationalTime other) {
        return big(numerator).multiply(big(other.denominator))
                .compareTo(big(other.numerator).multiply(big(denominator)));
    }

    @Override
    public String toString() {
        return toFcpxml();
    }

    private RationalTime halved() {
        return exact(big(numerator), big(denominator).shiftLeft(1));
    }

    private BigInteger[] quotientAndRemainder(RationalTime unit) {
        if (unit.numerator <= 0) {
            throw new IllegalArgumentException("Unit " + unit + " must be positive");
        }
        BigInteger dividend = big(numerator).multiply(big(unit.denominator));
        BigInteger divisor = big(unit.numerator).multiply(big(denominator));
        return dividend.divideAndRemainder(divisor);
    }

    private static RationalTime exact(BigInteger numerator, BigInteger denominator) {
        BigInteger gcd = numerator.gcd(denominator);
        if (gcd.signum() == 0) {
            return ZERO;
        }
        return new RationalTime(numerator.divide(gcd).longValueExact(),
                denominator.divide(gcd).longValueExact());
    }

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long remainder = a % b;
            a = b;
            b = remainder;
        }
        return a == 0 ? 1 : a;
    }
}

package io.reelgraph.nodes.cut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RationalTimeTest {

    @Nested
    class Arithmetic {

        @Test
        void constructorReduces() {
            RationalTime time = RationalTime.of(72072000, 2400000);
            assertThat(time.numerator()).isEqualTo(3003);
            assertThat(time.denominator()).isEqualTo(100);
        }

        @Test
        void negativeDenominatorMovesSign() {
            assertThat(RationalTime.of(1, -4)).isEqualTo(RationalTime.of(-1, 4));
        }

        @Test
        void plusAndMinusAreExact() {
            RationalTime frame = RationalTime.of(1001, 24000);
            RationalTime sum = RationalTime.ZERO;
            for (int i = 0; i < 24000; i++) {
                sum = sum.plus(frame);
            }
            assertThat(sum).isEqualTo(RationalTime.ofSeconds(1001));
            assertThat(sum.minus(frame.times(24000))).isEqualTo(RationalTime.ZERO);
        }

        @Test
        void compareUsesExactValue() {
            assertThat(RationalTime.of(1, 3)).isLessThan(RationalTime.of(333334, 1000000));
            assertThat(RationalTime.of(2, 6)).isEqualByComparingTo(RationalTime.of(1, 3));
        }

        @Test
        void divisionRounding() {
            RationalTime frame = RationalTime.of(1, 24);
            RationalTime time = RationalTime.of(25, 48);
            assertThat(time.floorDiv(frame)).isEqualTo(12);
            assertThat(time.ceilDiv(frame)).isEqualTo(13);
            assertThat(time.roundDiv(frame)).isEqualTo(13);
            assertThat(RationalTime.of(24, 48).roundDiv(frame)).isEqualTo(12);
        }

        @Test
        void overflowThrows() {
            RationalTime big = RationalTime.of(Long.MAX_VALUE, 1);
            assertThatThrownBy(() -> big.plus(big)).isInstanceOf(ArithmeticException.class);
        }
    }

    @Nested
    class FcpxmlText {

        @Test
        void wholeSecondsHaveNoDenominator() {
            assertThat(RationalTime.ofSeconds(5).toFcpxml()).isEqualTo("5s");
            assertThat(RationalTime.ZERO.toFcpxml()).isEqualTo("0s");
        }

        @Test
        void fractionsAreReduced() {
            assertThat(RationalTime.of(1001, 24000).toFcpxml()).isEqualTo("1001/24000s");
            assertThat(RationalTime.of(100, 2400).toFcpxml()).isEqualTo("1/24s");
        }

        @Test
        void parseAcceptsUnreducedFractions() {
            assertThat(RationalTime.parseFcpxml("72072000/2400000s"))
                    .isEqualTo(RationalTime.of(3003, 100));
            assertThat(RationalTime.parseFcpxml("3600s")).isEqualTo(RationalTime.ofSeconds(3600));
        }

        @Test
        void parseRejectsMissingUnit() {
            assertThatThrownBy(() -> RationalTime.parseFcpxml("1001/24000"))
                    .isInstanceOf(TimelineFormatException.class)
                    .hasMessage("Invalid FCPXML time \"1001/24000\"; expected seconds such as"
                            + " \"5s\" or \"1001/24000s\"");
        }
    }
}

package io.reelgraph.nodes.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void smallAmountsShowFourDecimals() {
        assertThat(Money.format(new BigDecimal("0.042"))).isEqualTo("$0.0420");
        assertThat(Money.format(new BigDecimal("0.008448"))).isEqualTo("$0.0084");
        assertThat(Money.format(new BigDecimal("0.00005"))).isEqualTo("$0.0001");
        assertThat(Money.format(BigDecimal.ZERO)).isEqualTo("$0.0000");
    }

    @Test
    void dollarAmountsShowTwoDecimals() {
        assertThat(Money.format(new BigDecimal("1"))).isEqualTo("$1.00");
        assertThat(Money.format(new BigDecimal("1.5925"))).isEqualTo("$1.59");
        assertThat(Money.format(new BigDecimal("6.37009920"))).isEqualTo("$6.37");
    }

    @Test
    void negativeAmountsKeepTheSign() {
        assertThat(Money.format(new BigDecimal("-0.25"))).isEqualTo("-$0.2500");
    }

    @Test
    void ratesAreShownExactly() {
        assertThat(Money.formatRate(new BigDecimal("0.008448"))).isEqualTo("$0.008448");
        assertThat(Money.formatRate(new BigDecimal("0.040"))).isEqualTo("$0.04");
        assertThat(Money.formatRate(new BigDecimal("15.0"))).isEqualTo("$15.00");
    }
}

package io.reelgraph.nodes.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PriceRuleTest {

    private static PriceRule rule(PriceUnit unit, String usd) {
        return new PriceRule(unit, new BigDecimal(usd), Optional.empty(), Optional.empty(),
                Optional.empty(), MegapixelRounding.EXACT, "https://example.com/pricing", "2026-06",
                Confidence.DOC, "");
    }

    private static void assertAmount(PriceEstimate estimate, String expectedUsd) {
        assertThat(estimate.usd()).isEqualByComparingTo(expectedUsd);
    }

    @Nested
    class EachUnit {

        @Test
        void requestIgnoresCount() {
            PriceEstimate estimate = rule(PriceUnit.REQUEST, "0.05").estimate(Usage.images(4));
            assertAmount(estimate, "0.05");
            assertThat(estimate.basis()).isEqualTo("1 request x $0.05");
        }

        @Test
        void imageMultipliesByCount() {
            PriceEstimate estimate = rule(PriceUnit.IMAGE, "0.04").estimate(Usage.images(3));
            assertAmount(estimate, "0.12");
            assertThat(estimate.basis()).isEqualTo("3 images x $0.04");
        }

        @Test
        void megapixelCountsExactPixels() {
            PriceEstimate estimate = rule(PriceUnit.MEGAPIXEL, "0.025")
                    .estimate(Usage.one().withSize(1024, 1024));
            assertAmount(estimate, "0.0262144");
            assertThat(estimate.basis()).isEqualTo("1.05 MP x $0.025/MP");
        }

        @Test
        void megapixelMultipliesByImages() {
            PriceEstimate estimate = rule(PriceUnit.MEGAPIXEL, "0.025")
                    .estimate(Usage.images(2).withSize(1000, 1000));
            assertAmount(estimate, "0.05");
            assertThat(estimate.basis()).isEqualTo("2 images x 1 MP x $0.025/MP");
        }

        @Test
        void secondMultipliesLength() {
            PriceEstimate estimate = rule(PriceUnit.SECOND, "0.05").estimate(Usage.seconds("5"));
            assertAmount(estimate, "0.25");
            assertThat(estimate.basis()).isEqualTo("5 s x $0.05/s");
        }

        @Test
        void minuteDividesSecondsBySixty() {
            PriceEstimate estimate = rule(PriceUnit.MINUTE, "0.30").estimate(Usage.seconds("90"));
            assertAmount(estimate, "0.45");
            assertThat(estimate.basis()).isEqualTo("90 s = 1.5 min x $0.30/min");
        }

        @Test
        void thousandCharacters() {
            PriceEstimate estimate = rule(PriceUnit.THOUSAND_CHARACTERS, "0.10")
                    .estimate(Usage.characters(312));
            assertAmount(estimate, "0.0312");
            assertThat(estimate.basis()).isEqualTo("312 chars x $0.10/1k chars");
        }

        @Test
        void millionCharacters() {
            PriceEstimate estimate = rule(PriceUnit.MILLION_CHARACTERS, "15")
                    .estimate(Usage.characters(4096));
            assertAmount(estimate, "0.06144");
            assertThat(estimate.basis()).isEqualTo("4096 chars x $15.00/1M chars");
        }

        @Test
        void millionInputTokens() {
            PriceEstimate estimate = rule(PriceUnit.MILLION_INPUT_TOKENS, "0.40")
                    .estimate(Usage.inputTokens(1200));
            assertAmount(estimate, "0.00048");
            assertThat(estimate.basis()).isEqualTo("1200 input tokens x $0.40/1M tokens");
        }

        @Test
        void millionTokensInputAndOutput() {
            PriceRule perToken = new PriceRule(PriceUnit.MILLION_TOKENS, new BigDecimal("0.40"),
                    Optional.empty(), Optional.empty(), Optional.empty(), MegapixelRounding.EXACT,
                    "https://example.com/pricing", "2026-04-02", Confidence.THIRD_PARTY, "",
                    Optional.of(new TokenPrices(new BigDecimal("0.40"), Optional.empty(),
                            new BigDecimal("1.60"))), Optional.empty());

            PriceEstimate estimate = perToken.estimate(Usage.tokens(250, 1200));

            assertAmount(estimate, "0.00202");
            assertThat(estimate.basis()).isEqualTo("250 input tokens x $0.40/1M tokens"
                    + " + 1200 output tokens x $1.60/1M tokens");
        }

        @Test
        void videoPerClip() {
            PriceEstimate estimate = rule(PriceUnit.VIDEO, "0.5").estimate(Usage.one());
            assertAmount(estimate, "0.5");
            assertThat(estimate.basis()).isEqualTo("1 video x $0.50");
        }

        @Test
        void generationPerOutput() {
            PriceEstimate estimate = rule(PriceUnit.GENERATION, "0.12").estimate(Usage.images(2));
            assertAmount(estimate, "0.24");
            assertThat(estimate.basis()).isEqualTo("2 generations x $0.12");
        }

        @Test
        void everyUnitHasAWorkedExample() {
            // Guards this suite: a unit added to the enum needs its own example above.
            assertThat(PriceUnit.values()).hasSize(11);
        }
    }

    @Nested
    class ActualCost {

        private final TokenPrices imagePrices = new TokenPrices(new BigDecimal("5"),
                Optional.of(new BigDecimal("10")), new BigDecimal("40"));

        @Test
        void tokenCostPricesImageInputApart() {
            assertThat(imagePrices.cost(12, 100, 1584)).isEqualByComparingTo("0.06442");
        }

        @Test
        void tokenCostWithoutImagePriceUsesInputPrice() {
            TokenPrices text = new TokenPrices(new BigDecimal("0.40"), Optional.empty(),
                    new BigDecimal("1.60"));

            assertThat(text.cost(1000, 1000, 0)).isEqualByComparingTo("0.0008");
        }

        @Test
        void negativeTokenCountIsRejected() {
            assertThatThrownBy(() -> imagePrices.cost(-1, 0, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("input=-1");
        }

        @Test
        void ruleWithoutTokenPricesHasNoTokenCost() {
            assertThat(rule(PriceUnit.IMAGE, "0.04").tokenCost(10, 0, 10)).isEmpty();
        }

        @Test
        void creditCostMultipliesCredits() {
            PriceRule withCredits = new PriceRule(PriceUnit.THOUSAND_CHARACTERS,
                    new BigDecimal("0.1"), Optional.empty(), Optional.empty(), Optional.empty(),
                    MegapixelRounding.EXACT, "https://example.com/pricing", "2026-06",
                    Confidence.THIRD_PARTY, "", Optional.empty(),
                    Optional.of(new BigDecimal("0.0001")));

            assertThat(withCredits.creditCost(new BigDecimal("17")))
                    .hasValueSatisfying(usd -> assertThat(usd).isEqualByComparingTo("0.0017"));
            assertThat(rule(PriceUnit.IMAGE, "0.04").creditCost(BigDecimal.TEN)).isEmpty();
        }

        @Test
        void millionTokensUnitNeedsTokenPrices() {
            assertThatThrownBy(() -> rule(PriceUnit.MILLION_TOKENS, "0.40"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The 1m_tokens unit needs token prices");
        }
    }

    @Nested
    class MegapixelVariants {

        @Test
        void roundsUpWhenTheRuleSaysSo() {
            PriceRule up = new PriceRule(PriceUnit.MEGAPIXEL, new BigDecimal("0.025"),
                    Optional.empty(), Optional.empty(), Optional.empty(), MegapixelRounding.UP,
                    "https://example.com", "2026", Confidence.DOC, "");
            PriceEstimate estimate = up.estimate(Usage.one().withSize(1024, 1024));
            assertAmount(estimate, "0.05");
            assertThat(estimate.basis()).isEqualTo("2 MP (1.05 rounded up) x $0.025/MP");
        }

        @Test
        void firstMegapixelHasItsOwnPrice() {
            PriceRule firstAndExtra = new PriceRule(PriceUnit.MEGAPIXEL, new BigDecimal("0.015"),
                    Optional.empty(), Optional.empty(), Optional.of(new BigDecimal("0.03")),
                    MegapixelRounding.EXACT, "https://example.com", "2026", Confidence.DOC, "");
            PriceEstimate estimate = firstAndExtra.estimate(Usage.one().withSize(1920, 1080));
            assertAmount(estimate, "0.046104");
            assertThat(estimate.basis())
                    .isEqualTo("2.07 MP: first MP $0.03 + 1.07 MP x $0.015/MP");
        }

        @Test
        void firstMegapixelChargedForSmallImages() {
            PriceRule firstAndExtra = new PriceRule(PriceUnit.MEGAPIXEL, new BigDecimal("0.015"),
                    Optional.empty(), Optional.empty(), Optional.of(new BigDecimal("0.03")),
                    MegapixelRounding.EXACT, "https://example.com", "2026", Confidence.DOC, "");
            assertAmount(firstAndExtra.estimate(Usage.one().withSize(512, 512)), "0.03");
        }

        @Test
        void missingSizeIsRejected() {
            assertThatThrownBy(() -> rule(PriceUnit.MEGAPIXEL, "0.025").estimate(Usage.one()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("needs the output width and height, got 0x0");
        }
    }

    @Nested
    class TablesAndMinimum {

        private final PriceRule byQuality = new PriceRule(PriceUnit.IMAGE,
                new BigDecimal("0.042"),
                Optional.of(new PriceTable(List.of("quality", "size"), Map.of(
                        "high/1024x1024", new BigDecimal("0.167"),
                        "low/1536x1024", new BigDecimal("0.016")))),
                Optional.empty(), Optional.empty(), MegapixelRounding.EXACT,
                "https://example.com", "2025", Confidence.THIRD_PARTY, "");

        @Test
        void tableOverridesBaseAmount() {
            PriceEstimate estimate = byQuality.estimate(Usage.images(2)
                    .withParam("quality", "high").withParam("size", "1024x1024"));
            assertAmount(estimate, "0.334");
            assertThat(estimate.basis())
                    .isEqualTo("2 images x $0.167 (quality high, size 1024x1024)");
        }

        @Test
        void missingTableRowUsesBaseAmount() {
            PriceEstimate estimate = byQuality.estimate(Usage.one()
                    .withParam("quality", "auto").withParam("size", "1024x1024"));
            assertAmount(estimate, "0.042");
            assertThat(estimate.basis()).isEqualTo("1 image x $0.042");
        }

        @Test
        void minimumRaisesSmallAmounts() {
            PriceRule withMinimum = new PriceRule(PriceUnit.IMAGE, new BigDecimal("0.003"),
                    Optional.empty(), Optional.of(new BigDecimal("0.01")), Optional.empty(),
                    MegapixelRounding.EXACT, "https://example.com", "2026", Confidence.DOC, "");
            PriceEstimate estimate = withMinimum.estimate(Usage.images(2));
            assertAmount(estimate, "0.01");
            assertThat(estimate.basis())
                    .isEqualTo("2 images x $0.003 = $0.0060, raised to the minimum of $0.01");
        }

        @Test
        void minimumLeavesLargerAmounts() {
            PriceRule withMinimum = new PriceRule(PriceUnit.IMAGE, new BigDecimal("0.003"),
                    Optional.empty(), Optional.of(new BigDecimal("0.01")), Optional.empty(),
                    MegapixelRounding.EXACT, "https://example.com", "2026", Confidence.DOC, "");
            assertAmount(withMinimum.estimate(Usage.images(4)), "0.012");
        }
    }

    @Nested
    class Precision {

        @Test
        void amountKeepsEveryDigit() {
            PriceEstimate estimate = rule(PriceUnit.IMAGE, "0.008448").estimate(Usage.images(3));
            // Exact equality, scale included: 0.008448 * 3 in double is 0.025344000000000002.
            assertThat(estimate.usd()).isEqualTo(new BigDecimal("0.025344"));
        }

        @Test
        void minuteDivisionKeepsThirtyFourDigits() {
            PriceEstimate estimate = rule(PriceUnit.MINUTE, "0.01").estimate(Usage.seconds("1"));
            assertThat(estimate.usd().precision()).isEqualTo(34);
            assertThat(estimate.usd()).isEqualByComparingTo(
                    "0.0001666666666666666666666666666666667");
        }
    }
}

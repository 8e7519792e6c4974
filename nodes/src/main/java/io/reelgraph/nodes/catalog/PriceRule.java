package io.reelgraph.nodes.catalog;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The rule that computes a model's price, with the page the price was read on.
 *
 * <p>The amount is {@code usd} per {@code unit}, unless {@code table} has an amount for the
 * chosen param values. Per-output units (image, megapixel, second, minute, video, generation)
 * are multiplied by {@link Usage#count()}; per-input units (request, characters, tokens) are not.
 *
 * @param firstUnitUsd for megapixel prices only: the amount for the first megapixel of each
 *     image, with {@code usd} charged for each further megapixel
 * @param minimumUsd the least the provider charges for one work item
 * @param asOf the date the source gives for the price: {@code yyyy}, {@code yyyy-MM} or
 *     {@code yyyy-MM-dd}
 * @param source the page the price was read on
 * @param tokens per-token prices: required by the {@link PriceUnit#MILLION_TOKENS} unit, and
 *     used with any unit to turn the token usage a provider reports into an actual cost
 * @param creditUsd the price of one provider credit on the plan the catalog prices, for
 *     providers that report the credits a call used, such as ElevenLabs
 */
public record PriceRule(
        PriceUnit unit,
        BigDecimal usd,
        Optional<PriceTable> table,
        Optional<BigDecimal> minimumUsd,
        Optional<BigDecimal> firstUnitUsd,
        MegapixelRounding megapixelRounding,
        String source,
        String asOf,
        Confidence confidence,
        String notes,
        Optional<TokenPrices> tokens,
        Optional<BigDecimal> creditUsd) {

    private static final BigDecimal SECONDS_PER_MINUTE = BigDecimal.valueOf(60);

    public PriceRule {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(usd, "usd");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(minimumUsd, "minimumUsd");
        Objects.requireNonNull(firstUnitUsd, "firstUnitUsd");
        Objects.requireNonNull(megapixelRounding, "megapixelRounding");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(confidence, "confidence");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(creditUsd, "creditUsd");
        if (unit == PriceUnit.MILLION_TOKENS && tokens.isEmpty()) {
            throw new IllegalArgumentException("The 1m_tokens unit needs token prices");
        }
    }

    /** Creates a rule without token or credit prices. */
    public PriceRule(PriceUnit unit, BigDecimal usd, Optional<PriceTable> table,
            Optional<BigDecimal> minimumUsd, Optional<BigDecimal> firstUnitUsd,
            MegapixelRounding megapixelRounding, String source, String asOf,
            Confidence confidence, String notes) {
        this(unit, usd, table, minimumUsd, firstUnitUsd, megapixelRounding, source, asOf,
                confidence, notes, Optional.empty(), Optional.empty());
    }

    /**
     * Returns the cost of the tokens a provider reported for one call, from the rule's token
     * prices. It is empty when the catalog has no token prices for the model.
     */
    public Optional<BigDecimal> tokenCost(long textInputTokens, long imageInputTokens,
            long outputTokens) {
        return tokens.map(prices -> prices.cost(textInputTokens, imageInputTokens,
                outputTokens));
    }

    /**
     * Returns the cost of the credits a provider reported for one call; empty when the catalog
     * has no credit price for the model.
     */
    public Optional<BigDecimal> creditCost(BigDecimal credits) {
        return creditUsd.map(price -> price.multiply(credits));
    }

    /**
     * Estimates the cost of one work item. The amount keeps full precision. The per-minute unit
     * is the only one whose division may not terminate, so it keeps 34 significant digits
     * ({@link MathContext#DECIMAL128}).
     *
     * @throws IllegalArgumentException when the usage lacks what the unit is priced by: width and
     *     height for a megapixel price, seconds for a per-second or per-minute price
     */
    public PriceEstimate estimate(Usage usage) {
        String tableChoice = "";
        BigDecimal rate = usd;
        if (table.isPresent()) {
            Optional<BigDecimal> fromTable = table.get().lookup(usage.params());
            if (fromTable.isPresent()) {
                rate = fromTable.get();
                tableChoice = describeChoice(table.get(), usage);
            }
        }

        PriceEstimate raw = switch (unit) {
            case REQUEST -> new PriceEstimate(rate, "1 request x " + Money.formatRate(rate));
            case IMAGE -> perOutput(usage.count(), "image", rate);
            case VIDEO -> perOutput(usage.count(), "video", rate);
            case GENERATION -> perOutput(usage.count(), "generation", rate);
            case MEGAPIXEL -> megapixels(usage, rate);
            case SECOND -> seconds(usage, rate);
            case MINUTE -> minutes(usage, rate);
            case THOUSAND_CHARACTERS -> perInput(usage.characters(), "chars", rate, 3, "1k chars");
            case MILLION_CHARACTERS -> perInput(usage.characters(), "chars", rate, 6, "1M chars");
            case MILLION_INPUT_TOKENS ->
                    perInput(usage.inputTokens(), "input tokens", rate, 6, "1M tokens");
            case MILLION_TOKENS -> inputAndOutputTokens(usage);
        };
        PriceEstimate chosen = new PriceEstimate(raw.usd(), raw.basis() + tableChoice);
        return applyMinimum(chosen);
    }

    private static PriceEstimate perOutput(int count, String noun, BigDecimal rate) {
        BigDecimal amount = rate.multiply(BigDecimal.valueOf(count));
        return new PriceEstimate(amount, plural(count, noun) + " x " + Money.formatRate(rate));
    }

    private PriceEstimate megapixels(Usage usage, BigDecimal rate) {
        if (usage.width() == 0 || usage.height() == 0) {
            throw new IllegalArgumentException("A megapixel price needs the output width and"
                    + " height, got " + usage.width() + "x" + usage.height()
                    + "; give the size in the usage or as width and height params");
        }
        BigDecimal exact = BigDecimal.valueOf((long) usage.width() * usage.height())
                .movePointLeft(6);
        BigDecimal counted = megapixelRounding == MegapixelRounding.UP
                ? exact.setScale(0, RoundingMode.CEILING)
                : exact;
        String shownCount = megapixelRounding == MegapixelRounding.UP
                ? plain(counted) + " MP (" + shortDecimal(exact) + " rounded up)"
                : shortDecimal(exact) + " MP";

        BigDecimal perImage;
        String perImageBasis;
        if (firstUnitUsd.isPresent()) {
            BigDecimal extra = counted.subtract(BigDecimal.ONE).max(BigDecimal.ZERO);
            perImage = firstUnitUsd.get().add(extra.multiply(rate));
            perImageBasis = shownCount + ": first MP " + Money.formatRate(firstUnitUsd.get())
                    + " + " + shortDecimal(extra) + " MP x " + Money.formatRate(rate) + "/MP";
        } else {
            perImage = counted.multiply(rate);
            perImageBasis = shownCount + " x " + Money.formatRate(rate) + "/MP";
        }

        int count = usage.count();
        BigDecimal amount = perImage.multiply(BigDecimal.valueOf(count));
        String basis = count == 1 ? perImageBasis : plural(count, "image") + " x " + perImageBasis;
        return new PriceEstimate(amount, basis);
    }

    private static PriceEstimate seconds(Usage usage, BigDecimal rate) {
        requireSeconds(usage, "second");
        BigDecimal amount = usage.seconds().multiply(rate)
                .multiply(BigDecimal.valueOf(usage.count()));
        String each = plain(usage.seconds()) + " s x " + Money.formatRate(rate) + "/s";
        return new PriceEstimate(amount, withCount(usage.count(), each));
    }

    private static PriceEstimate minutes(Usage usage, BigDecimal rate) {
        requireSeconds(usage, "minute");
        BigDecimal amount = usage.seconds().multiply(rate)
                .multiply(BigDecimal.valueOf(usage.count()))
                .divide(SECONDS_PER_MINUTE, MathContext.DECIMAL128)
                .stripTrailingZeros();
        BigDecimal minutes = usage.seconds().divide(SECONDS_PER_MINUTE, MathContext.DECIMAL128);
        String each = plain(usage.seconds()) + " s = " + shortDecimal(minutes) + " min x "
                + Money.formatRate(rate) + "/min";
        return new PriceEstimate(amount, withCount(usage.count(), each));
    }

    private static PriceEstimate perInput(
            long quantity, String noun, BigDecimal rate, int perPowerOfTen, String per) {
        BigDecimal amount = rate.multiply(BigDecimal.valueOf(quantity)).movePointLeft(perPowerOfTen);
        return new PriceEstimate(amount,
                quantity + " " + noun + " x " + Money.formatRate(rate) + "/" + per);
    }

    private PriceEstimate inputAndOutputTokens(Usage usage) {
        TokenPrices prices = tokens.orElseThrow();
        BigDecimal amount = prices.cost(usage.inputTokens(), 0, usage.outputTokens());
        return new PriceEstimate(amount, usage.inputTokens() + " input tokens x "
                + Money.formatRate(prices.inputUsd()) + "/1M tokens + " + usage.outputTokens()
                + " output tokens x " + Money.formatRate(prices.outputUsd()) + "/1M tokens");
    }

    private PriceEstimate applyMinimum(PriceEstimate estimate) {
        if (minimumUsd.isPresent() && estimate.usd().compareTo(minimumUsd.get()) < 0) {
            return new PriceEstimate(minimumUsd.get(), estimate.basis() + " = "
                    + Money.format(estimate.usd()) + ", raised to the minimum of "
                    + Money.formatRate(minimumUsd.get()));
        }
        return estimate;
    }

    private static void requireSeconds(Usage usage, String unitName) {
        if (usage.seconds().signum() == 0) {
            throw new IllegalArgumentException("A price per " + unitName + " needs the output"
                    + " length in seconds, got 0; give it in the usage or as a duration param");
        }
    }

    private static String describeChoice(PriceTable table, Usage usage) {
        StringJoiner choice = new StringJoiner(", ", " (", ")");
        for (String param : table.by()) {
            choice.add(param + " " + usage.params().get(param));
        }
        return choice.toString();
    }

    private static String withCount(int count, String each) {
        return count == 1 ? each : count + " x " + each;
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** Shows a quantity with at most 2 decimals; the amount itself is never rounded. */
    private static String shortDecimal(BigDecimal value) {
        return plain(value.setScale(2, RoundingMode.HALF_UP));
    }
}

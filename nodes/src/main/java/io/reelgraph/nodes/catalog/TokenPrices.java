package io.reelgraph.nodes.catalog;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-token prices of a model, in US dollars per one million tokens.
 *
 * @param inputUsd the price of text input tokens
 * @param imageInputUsd the price of image input tokens, where the provider prices them apart;
 *     empty means image input tokens cost {@code inputUsd}
 * @param outputUsd the price of output tokens
 */
public record TokenPrices(BigDecimal inputUsd, Optional<BigDecimal> imageInputUsd,
        BigDecimal outputUsd) {

    public TokenPrices {
        Objects.requireNonNull(inputUsd, "inputUsd");
        Objects.requireNonNull(imageInputUsd, "imageInputUsd");
        Objects.requireNonNull(outputUsd, "outputUsd");
    }

    /**
     * Returns the cost of the tokens a provider reported for one call, at full precision.
     *
     * @param textInputTokens text input tokens, or all input tokens when the provider does not
     *     split them
     */
    public BigDecimal cost(long textInputTokens, long imageInputTokens, long outputTokens) {
        if (textInputTokens < 0 || imageInputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("Token counts must not be negative: input="
                    + textInputTokens + ", imageInput=" + imageInputTokens + ", output="
                    + outputTokens);
        }
        BigDecimal text = inputUsd.multiply(BigDecimal.valueOf(textInputTokens));
        BigDecimal image = imageInputUsd.orElse(inputUsd)
                .multiply(BigDecimal.valueOf(imageInputTokens));
        BigDecimal output = outputUsd.multiply(BigDecimal.valueOf(outputTokens));
        return text.add(image).add(output).movePointLeft(6);
    }
}

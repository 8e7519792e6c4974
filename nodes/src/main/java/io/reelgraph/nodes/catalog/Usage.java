package io.reelgraph.nodes.catalog;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The quantities one work item requests from a model, as far as the price depends on them.
 * A zero field means "not given", and {@link ModelSpec#estimate(Usage)} fills such fields from
 * the model's params.
 *
 * @param count outputs requested: images for an image model, clips for a video model
 * @param width output width in pixels, for megapixel prices
 * @param height output height in pixels, for megapixel prices
 * @param seconds length of each output in seconds, for per-second and per-minute prices
 * @param characters characters of input text, for per-character prices
 * @param inputTokens input tokens, for per-token prices
 * @param outputTokens output tokens, for prices per input and output token
 * @param params chosen param values as text, for price table lookups
 */
public record Usage(
        int count,
        int width,
        int height,
        BigDecimal seconds,
        long characters,
        long inputTokens,
        long outputTokens,
        Map<String, String> params) {

    public Usage {
        Objects.requireNonNull(seconds, "seconds");
        params = Map.copyOf(params);
        if (count < 0 || width < 0 || height < 0 || characters < 0 || inputTokens < 0
                || outputTokens < 0 || seconds.signum() < 0) {
            throw new IllegalArgumentException("Usage values must not be negative: count=" + count
                    + ", width=" + width + ", height=" + height + ", seconds=" + seconds
                    + ", characters=" + characters + ", inputTokens=" + inputTokens
                    + ", outputTokens=" + outputTokens);
        }
    }

    /** Returns a usage with one output and nothing else given. */
    public static Usage one() {
        return new Usage(1, 0, 0, BigDecimal.ZERO, 0, 0, 0, Map.of());
    }

    public static Usage images(int count) {
        return one().withCount(count);
    }

    public static Usage seconds(String seconds) {
        return one().withSeconds(new BigDecimal(seconds));
    }

    public static Usage characters(long characters) {
        return one().withCharacters(characters);
    }

    public static Usage inputTokens(long inputTokens) {
        return one().withInputTokens(inputTokens);
    }

    public Usage withCount(int newCount) {
        return new Usage(newCount, width, height, seconds, characters, inputTokens,
                outputTokens, params);
    }

    public Usage withSize(int newWidth, int newHeight) {
        return new Usage(count, newWidth, newHeight, seconds, characters, inputTokens,
                outputTokens, params);
    }

    public Usage withSeconds(BigDecimal newSeconds) {
        return new Usage(count, width, height, newSeconds, characters, inputTokens,
                outputTokens, params);
    }

    public Usage withCharacters(long newCharacters) {
        return new Usage(count, width, height, seconds, newCharacters, inputTokens,
                outputTokens, params);
    }

    public Usage withInputTokens(long newInputTokens) {
        return new Usage(count, width, height, seconds, characters, newInputTokens,
                outputTokens, params);
    }

    /** Returns a usage of input and output tokens, for prices per input and output token. */
    public static Usage tokens(long inputTokens, long outputTokens) {
        return one().withInputTokens(inputTokens).withOutputTokens(outputTokens);
    }

    public Usage withOutputTokens(long newOutputTokens) {
        return new Usage(count, width, height, seconds, characters, inputTokens, newOutputTokens,
                params);
    }

    /** Returns a usage with these param values added to the chosen ones. */
    public Usage withParams(Map<String, String> values) {
        Map<String, String> changed = new LinkedHashMap<>(params);
        changed.putAll(values);
        return new Usage(count, width, height, seconds, characters, inputTokens, outputTokens,
                changed);
    }

    public Usage withParam(String name, String value) {
        Map<String, String> merged = new LinkedHashMap<>(params);
        merged.put(name, value);
        return new Usage(count, width, height, seconds, characters, inputTokens, outputTokens,
                merged);
    }
}

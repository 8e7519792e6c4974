package io.reelgraph.nodes.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Amounts that override a price rule's base amount for particular param values.
 *
 * @param by the params the key is made of, in key order
 * @param usd amounts keyed by the param values joined with {@code "/"}, such as
 *     {@code "hd/1792x1024"} for {@code by = [quality, size]}
 */
public record PriceTable(List<String> by, Map<String, BigDecimal> usd) {

    static final String KEY_SEPARATOR = "/";

    public PriceTable {
        by = List.copyOf(by);
        usd = Map.copyOf(usd);
        if (by.isEmpty()) {
            throw new IllegalArgumentException("A price table needs at least one param in 'by'");
        }
    }

    /** Builds the key for the given param values, or empty when one of the params is missing. */
    public Optional<String> keyFor(Map<String, String> params) {
        StringBuilder key = new StringBuilder();
        for (String param : by) {
            String value = params.get(param);
            if (value == null) {
                return Optional.empty();
            }
            if (!key.isEmpty()) {
                key.append(KEY_SEPARATOR);
            }
            key.append(value);
        }
        return Optional.of(key.toString());
    }

    public Optional<BigDecimal> lookup(Map<String, String> params) {
        return keyFor(params).map(usd::get);
    }
}

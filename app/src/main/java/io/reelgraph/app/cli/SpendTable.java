package io.reelgraph.app.cli;

import io.reelgraph.engine.money.LedgerEntry;
import io.reelgraph.engine.money.LedgerStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Sums spend ledger rows by group and renders them as a table or CSV. */
public final class SpendTable {

    private static final String ROW = "%-32s %6s %10s %10s %10s %6s %10s%n";

    /**
     * The sums of one group.
     *
     * @param calls paid calls sent, failed ones included
     * @param projectedUsd the projected cost of calls that count against caps
     * @param actualUsd the actual cost of settled calls
     * @param openUsd the projected cost of calls still reserved or with an unknown outcome
     * @param cacheHits paid work items served from the cache
     * @param savedUsd the projected cost of those cache hits
     */
    public record Row(String group, int calls, BigDecimal projectedUsd, BigDecimal actualUsd,
            BigDecimal openUsd, int cacheHits, BigDecimal savedUsd) {

        /** Returns the sums of a group without rows. */
        public static Row empty(String group) {
            return new Row(group, 0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0,
                    BigDecimal.ZERO);
        }

        /** Returns these sums with one more ledger row counted. */
        public Row plus(LedgerEntry entry) {
            if (entry.status() == LedgerStatus.CACHED) {
                return new Row(group, calls, projectedUsd, actualUsd, openUsd, cacheHits + 1,
                        savedUsd.add(entry.projectedUsd()));
            }
            BigDecimal projected = entry.status().counts() ? entry.projectedUsd() : BigDecimal.ZERO;
            BigDecimal actual = entry.status() == LedgerStatus.SETTLED
                    ? entry.actualUsd().orElse(entry.projectedUsd()) : BigDecimal.ZERO;
            BigDecimal open = entry.status() == LedgerStatus.RESERVED
                    || entry.status() == LedgerStatus.PENDING ? entry.projectedUsd()
                    : BigDecimal.ZERO;
            return new Row(group, calls + 1, projectedUsd.add(projected), actualUsd.add(actual),
                    openUsd.add(open), cacheHits, savedUsd);
        }
    }

    private SpendTable() {
    }

    /** Sums the entries by group, in group order, with a last row named {@code total}. */
    public static List<Row> group(List<LedgerEntry> entries, SpendGrouping by) {
        Map<String, Row> groups = new TreeMap<>();
        Row total = Row.empty("total");
        for (LedgerEntry entry : entries) {
            groups.merge(by.of(entry), Row.empty(by.of(entry)).plus(entry),
                    (old, added) -> old.plus(entry));
            total = total.plus(entry);
        }
        List<Row> rows = new ArrayList<>(groups.values());
        rows.add(total);
        return rows;
    }

    static String text(List<Row> rows, SpendGrouping by, String project) {
        StringBuilder out = new StringBuilder();
        String scope = project == null ? " over every project" : " in project " + project;
        out.append("Spend by ").append(by).append(scope)
                .append(", in US dollars (projections are estimates).\n");
        out.append(String.format(ROW, by, "calls", "projected", "actual", "open", "hits",
                "saved"));
        for (Row row : rows) {
            out.append(String.format(ROW, row.group(), row.calls(),
                    BudgetTable.usd(row.projectedUsd()), BudgetTable.usd(row.actualUsd()),
                    BudgetTable.usd(row.openUsd()), row.cacheHits(),
                    BudgetTable.usd(row.savedUsd())));
        }
        return out.toString();
    }

    static String csv(List<Row> rows, SpendGrouping by) {
        StringBuilder out = new StringBuilder();
        out.append(by).append(",calls,projected_usd,actual_usd,open_usd,cache_hits,saved_usd\n");
        for (Row row : rows) {
            out.append(quote(row.group())).append(',').append(row.calls()).append(',')
                    .append(BudgetTable.usd(row.projectedUsd())).append(',')
                    .append(BudgetTable.usd(row.actualUsd())).append(',')
                    .append(BudgetTable.usd(row.openUsd())).append(',')
                    .append(row.cacheHits()).append(',')
                    .append(BudgetTable.usd(row.savedUsd())).append('\n');
        }
        return out.toString();
    }

    /** Quotes a CSV field when it contains a comma, a quote or a line break (RFC 4180). */
    private static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }
}

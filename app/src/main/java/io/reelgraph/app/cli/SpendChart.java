package io.reelgraph.app.cli;

import io.reelgraph.engine.money.LedgerEntry;
import io.reelgraph.engine.money.LedgerStatus;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TimeZone;
import java.util.TreeMap;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/** Draws the cumulative actual spend per provider, by UTC day, into a PNG file with JFreeChart. */
final class SpendChart {

    static final int WIDTH = 1000;
    static final int HEIGHT = 600;

    private SpendChart() {
    }

    static void write(List<LedgerEntry> entries, Path file) throws IOException {
        // Drawing needs no display: without this, AWT looks for one on first use.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        TimeSeriesCollection dataset = new TimeSeriesCollection(TimeZone.getTimeZone("UTC"));
        for (Map.Entry<String, SortedMap<LocalDate, BigDecimal>> provider
                : dailySpend(entries).entrySet()) {
            TimeSeries series = new TimeSeries(provider.getKey());
            BigDecimal cumulative = BigDecimal.ZERO;
            for (Map.Entry<LocalDate, BigDecimal> day : provider.getValue().entrySet()) {
                cumulative = cumulative.add(day.getValue());
                LocalDate date = day.getKey();
                series.add(new Day(date.getDayOfMonth(), date.getMonthValue(), date.getYear()),
                        cumulative);
            }
            dataset.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createTimeSeriesChart("Spend per provider",
                "Day (UTC)", "Actual spend, cumulative (US dollars)", dataset, true, false,
                false);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }

    /** Sums the actual cost of settled calls per provider and UTC day. */
    private static SortedMap<String, SortedMap<LocalDate, BigDecimal>> dailySpend(
            List<LedgerEntry> entries) {
        SortedMap<String, SortedMap<LocalDate, BigDecimal>> spend = new TreeMap<>();
        for (LedgerEntry entry : entries) {
            if (entry.status() != LedgerStatus.SETTLED) {
                continue;
            }
            LocalDate day = entry.createdAt().atOffset(ZoneOffset.UTC).toLocalDate();
            spend.computeIfAbsent(entry.provider(), provider -> new TreeMap<>())
                    .merge(day, entry.actualUsd().orElse(entry.projectedUsd()), BigDecimal::add);
        }
        return spend;
    }
}

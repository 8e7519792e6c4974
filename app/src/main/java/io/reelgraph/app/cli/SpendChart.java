package io.reelgraph.app.cli;

import io.reelgraph.engine.money.LedgerEntry;
import io.reelgraph.engine.money.LedgerStatus;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.SimpleDateFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * Draws the cumulative actual spend per provider, by UTC day, with JFreeChart: into a PNG file
 * for {@code reelgraph spend --chart}, and as a chart for the editor's spend panel.
 */
public final class SpendChart {

    static final int WIDTH = 1000;
    static final int HEIGHT = 600;
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private SpendChart() {
    }

    static void write(List<LedgerEntry> entries, Path file) throws IOException {
        // Drawing needs no display: without this, AWT looks for one on first use.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        ChartUtils.saveChartAsPNG(file.toFile(), chart(entries), WIDTH, HEIGHT);
    }

    /** Returns the chart of the cumulative actual spend per provider of the ledger rows. */
    public static JFreeChart chart(List<LedgerEntry> entries) {
        TimeSeriesCollection dataset = new TimeSeriesCollection(UTC);
        for (Map.Entry<String, SortedMap<LocalDate, BigDecimal>> provider
                : dailySpend(entries).entrySet()) {
            TimeSeries series = new TimeSeries(provider.getKey());
            // Each line starts at zero the day before the first spend, so one day of spend
            // still draws a line.
            LocalDate first = provider.getValue().firstKey();
            series.add(day(first.minusDays(1)), BigDecimal.ZERO);
            BigDecimal cumulative = BigDecimal.ZERO;
            for (Map.Entry<LocalDate, BigDecimal> spent : provider.getValue().entrySet()) {
                cumulative = cumulative.add(spent.getValue());
                series.add(day(spent.getKey()), cumulative);
            }
            dataset.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createTimeSeriesChart("Spend per provider",
                "Day (UTC)", "Actual spend, cumulative (US dollars)", dataset, true, false,
                false);
        style(chart);
        return chart;
    }

    private static Day day(LocalDate date) {
        return new Day(Date.from(date.atStartOfDay(ZoneOffset.UTC).toInstant()), UTC,
                Locale.ROOT);
    }

    private static void style(JFreeChart chart) {
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        DateAxis days = (DateAxis) plot.getDomainAxis();
        days.setTimeZone(UTC);
        days.setDateFormatOverride(utcDates());
        days.setLowerMargin(0.05);
        days.setUpperMargin(0.05);
        // Automatic ticks fall within a day on short spans and would repeat one date.
        if (days.getRange().getLength() < TimeUnit.DAYS.toMillis(14)) {
            days.setTickUnit(new DateTickUnit(DateTickUnitType.DAY, 1));
        }
        NumberAxis dollars = (NumberAxis) plot.getRangeAxis();
        dollars.setAutoRangeIncludesZero(true);
        dollars.setNumberFormatOverride(new DecimalFormat("$0.00##",
                DecimalFormatSymbols.getInstance(Locale.ROOT)));
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
        renderer.setDefaultShapesVisible(true);
        renderer.setDefaultStroke(new BasicStroke(2f));
        renderer.setAutoPopulateSeriesStroke(false);
    }

    private static SimpleDateFormat utcDates() {
        SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd", Locale.ROOT);
        format.setTimeZone(UTC);
        return format;
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

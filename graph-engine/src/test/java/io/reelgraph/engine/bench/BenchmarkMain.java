package io.reelgraph.engine.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the engine benchmarks with JMH and writes the results as JSON to
 * {@code target/jmh-result.json}. Arguments are JMH's own (a benchmark regex, {@code -prof
 * stack}, {@code -f}, ...); without a regex every benchmark of this package runs. After the
 * run it prints the provider throughput as a fraction of the ideal time.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions command;
        try {
            command = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("Invalid benchmark arguments: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path result = Path.of("target", "jmh-result.json").toAbsolutePath();
        Files.createDirectories(result.getParent());
        ChainedOptionsBuilder options = new OptionsBuilder().parent(command);
        if (command.getIncludes().isEmpty()) {
            options.include(BenchmarkMain.class.getPackageName() + "\\..*Benchmark");
        }
        if (!command.getResult().hasValue()) {
            options.result(result.toString()).resultFormat(ResultFormatType.JSON);
        }
        Collection<RunResult> results = run(options);
        reportThroughput(results);
    }

    private static Collection<RunResult> run(ChainedOptionsBuilder options) throws RunnerException {
        return new Runner(options.build()).run();
    }

    private static void reportThroughput(Collection<RunResult> results) {
        for (RunResult run : results) {
            String benchmark = run.getParams().getBenchmark();
            if (benchmark.endsWith(ProviderThroughputBenchmark.class.getSimpleName()
                    + ".runProviderJobs")) {
                double seconds = run.getPrimaryResult().getScore();
                double ideal = ProviderThroughputBenchmark.IDEAL_SECONDS;
                System.out.printf("Provider throughput: %d jobs of %d ms at limit %d took %.2f s;"
                                + " ideal %.1f s, so %.1f%% of ideal%n",
                        ProviderThroughputBenchmark.JOBS, ProviderThroughputBenchmark.JOB_MILLIS,
                        ProviderThroughputBenchmark.LIMIT, seconds, ideal, 100 * ideal / seconds);
            }
        }
    }
}

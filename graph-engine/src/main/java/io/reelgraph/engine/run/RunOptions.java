package io.reelgraph.engine.run;

import java.util.Map;

/**
 * How a run schedules paid work.
 *
 * @param concurrencyByProvider the number of calls that may be in flight at once per provider;
 *     a provider not listed gets {@code defaultConcurrency}
 * @param stopOnFirstFailure when true, the first failure cancels the rest of the run; otherwise
 *     independent branches keep running
 */
public record RunOptions(Map<String, Integer> concurrencyByProvider, int defaultConcurrency,
        boolean stopOnFirstFailure) {

    public static final RunOptions DEFAULT = new RunOptions(Map.of(), 4, false);

    public RunOptions {
        concurrencyByProvider = Map.copyOf(concurrencyByProvider);
        if (defaultConcurrency < 1) {
            throw new IllegalArgumentException(
                    "Default concurrency must be at least 1, got " + defaultConcurrency);
        }
        concurrencyByProvider.forEach((provider, limit) -> {
            if (limit < 1) {
                throw new IllegalArgumentException("Concurrency of provider " + provider
                        + " must be at least 1, got " + limit);
            }
        });
    }

    public int concurrency(String provider) {
        return concurrencyByProvider.getOrDefault(provider, defaultConcurrency);
    }

    public RunOptions withConcurrency(String provider, int limit) {
        Map<String, Integer> changed = new java.util.HashMap<>(concurrencyByProvider);
        changed.put(provider, limit);
        return new RunOptions(changed, defaultConcurrency, stopOnFirstFailure);
    }

    public RunOptions withStopOnFirstFailure(boolean stop) {
        return new RunOptions(concurrencyByProvider, defaultConcurrency, stop);
    }
}

package io.reelgraph.nodes.vault;

import java.util.Optional;

/**
 * Argon2id cost parameters, stored in the vault header so a vault keeps opening after the
 * defaults change.
 *
 * @param memoryKiB memory per derivation in KiB
 * @param iterations passes over the memory
 * @param parallelism lanes; Bouncy Castle computes them one after another
 */
public record KdfParameters(int memoryKiB, int iterations, int parallelism) {

    /**
     * The parameters for new vaults: 64 MiB, 3 passes, 1 lane (the memory and passes of the
     * second recommended option of RFC 9106). Measured with Bouncy Castle 1.87 on Java 17 on a
     * 2-core AMD EPYC virtual machine: 0.55 s in a fresh JVM, 0.24 s once the JIT has warmed up.
     */
    public static final KdfParameters DEFAULT = new KdfParameters(64 * 1024, 3, 1);

    /** The largest memory a vault header may ask for, so a crafted file cannot exhaust memory. */
    static final int MAX_MEMORY_KIB = 1024 * 1024;
    static final int MAX_ITERATIONS = 64;
    static final int MAX_PARALLELISM = 16;

    public KdfParameters {
        problem(memoryKiB, iterations, parallelism).ifPresent(problem -> {
            throw new IllegalArgumentException("Invalid Argon2id parameters: " + problem);
        });
    }

    /** Returns what is wrong with the parameters, or empty when they are within limits. */
    static Optional<String> problem(int memoryKiB, int iterations, int parallelism) {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            return Optional.of("parallelism " + parallelism + " is not between 1 and "
                    + MAX_PARALLELISM);
        }
        if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
            return Optional.of("memory " + memoryKiB + " KiB is not between "
                    + 8 * parallelism + " and " + MAX_MEMORY_KIB + " KiB");
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            return Optional.of("iterations " + iterations + " is not between 1 and "
                    + MAX_ITERATIONS);
        }
        return Optional.empty();
    }
}

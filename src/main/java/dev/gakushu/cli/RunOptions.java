package dev.gakushu.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The seed and thread count of a run. */
final class RunOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "The run's one seed: splitting, initial weights and shuffling derive their streams from it. "
                    + "Any whole number (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for matrix products; results are bit-identical for any count (default: all cores).")
    Integer threads;

    int threads() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }

    void validate() {
        if (threads != null) {
            Checks.atLeast(spec, "--threads", threads, 1);
            if (threads > 1024) {
                throw Checks.invalid(spec, "--threads", threads, "at most 1024");
            }
        }
    }
}

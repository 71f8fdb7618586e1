package dev.gakushu.cli;

import dev.gakushu.data.DataAccess;
import dev.gakushu.data.Sampling;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.spec.RunSpecJson;
import dev.gakushu.train.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options that make a training run's specification: train's, which lr-find accepts too. */
final class TrainingOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Start from this run specification (a run directory's config.json, or a file giving "
              + "only some of its fields; the others take their defaults); options given override "
              + "it. The same file gives the same weights.")
  Path config;

  @Mixin ModelOptions model;

  @Mixin OptimizerOptions optimizerOptions;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description = "Passes over the training data (default: 30).")
  Integer epochs;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "Examples per mini-batch (default: 32).")
  Integer batchSize;

  @Option(
      names = "--sampling",
      paramLabel = "MODE",
      completionCandidates = Candidates.Samplings.class,
      description =
          "How mini-batches are drawn: shuffle (every row once an epoch, in a fresh seeded order), "
              + "in-order, or with-replacement (the book's: rows drawn at random, max(rows/batch, 1) "
              + "batches an epoch) (default: shuffle).")
  String sampling;

  @Option(names = "--no-shuffle", description = "The same as --sampling in-order.")
  boolean noShuffle;

  @Option(
      names = "--validate-every",
      paramLabel = "N",
      description = "Measure the validation data after every N epochs and the last (default: 1).")
  Integer validateEvery;

  @Mixin EarlyStopOptions earlyStop;

  @Option(
      names = "--init-from",
      paramLabel = "MODEL",
      description =
          "Start from the weights of a saved model of the same architecture (fine-tuning).")
  Path initFrom;

  /** Where the data of the options is found. */
  DataAccess data() {
    return model.data.access();
  }

  /** Whether --lr auto asks for the learning rate lr-find suggests. */
  boolean learningRateAuto() {
    return optimizerOptions.learningRateAuto();
  }

  /**
   * {@link #runSpec} checked against the memory the smallest data (one feature, two classes, one
   * row per batch) would take, a refused field named as the user gave it (the option, or the
   * --config file's field).
   */
  RunSpec checkedRunSpec(CommandSpec spec) {
    return Checks.mapped(
        spec,
        config,
        () -> {
          RunSpec built = runSpec(spec);
          built.requireMemory(1, 2, 1, 1);
          return built;
        });
  }

  /**
   * The run of {@code runSpec} on the data of the options, refusals named as the user gave them.
   */
  TrainingRun prepare(CommandSpec spec, RunSpec runSpec) {
    return Checks.mapped(spec, config, () -> TrainingRun.prepare(runSpec, data()));
  }

  /**
   * The specification of --config (or the defaults) with the options given applied; with --lr auto,
   * the learning rate of the base.
   */
  RunSpec runSpec(CommandSpec spec) {
    if (config != null && !Files.isRegularFile(config)) {
      throw Checks.invalid(
          spec, "--config", config, "a run specification file, such as a run's config.json");
    }
    RunSpec base = config != null ? RunSpecJson.read(config) : RunSpec.defaults();
    RunSpec.Builder b = base.toBuilder();
    model.applyTo(b, base);
    optimizerOptions.applyTo(b);
    if (epochs != null) {
      b.epochs(epochs);
    }
    if (batchSize != null) {
      b.batchSize(batchSize);
    }
    if (sampling != null || noShuffle) {
      b.sampling(sampling(spec));
    }
    if (validateEvery != null) {
      b.validateEvery(validateEvery);
    }
    if (initFrom != null) {
      b.initFrom(initFrom);
    }
    earlyStop.applyTo(b, base.loop().earlyStopping());
    return b.build();
  }

  /** --sampling's mode, or --no-shuffle's in-order. */
  private Sampling sampling(CommandSpec spec) {
    Sampling s = sampling == null ? Sampling.IN_ORDER : Sampling.byId(sampling.trim());
    if (s == null) {
      throw Checks.invalid(spec, "--sampling", "'" + sampling + "'", "one of " + Sampling.ids());
    }
    if (noShuffle && s != Sampling.IN_ORDER) {
      throw Checks.invalid(spec, "--no-shuffle", "with --sampling " + sampling, "one of the two");
    }
    return s;
  }
}

package dev.gakushu.cli;

import dev.gakushu.spec.EarlyStopping;
import dev.gakushu.spec.RunSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Early stopping on the validation loss: its patience and the least decrease that counts. */
final class EarlyStopOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--early-stop",
      paramLabel = "PATIENCE",
      description =
          "Stop when the validation loss has not improved for PATIENCE epochs, and keep the weights "
              + "of the best epoch (default: run every epoch).")
  Integer earlyStop;

  @Option(
      names = "--early-stop-min-delta",
      paramLabel = "D",
      description =
          "The least decrease of the validation loss that counts as an improvement (default: 0).")
  Double earlyStopMinDelta;

  /** Applies the options given to {@code b}, over the base's early stopping {@code early}. */
  void applyTo(RunSpec.Builder b, EarlyStopping early) {
    if (earlyStop != null || earlyStopMinDelta != null) {
      if (earlyStop == null && early == null) {
        throw Checks.invalid(
            spec, "--early-stop-min-delta", earlyStopMinDelta, "--early-stop as well");
      }
      b.earlyStopping(
          new EarlyStopping(
              earlyStop != null ? earlyStop : early.patience(),
              earlyStopMinDelta != null
                  ? earlyStopMinDelta
                  : early != null ? early.minDelta() : 0));
    }
  }
}

package dev.gakushu.cli;

import dev.gakushu.optim.LearningRateSchedule;
import dev.gakushu.spec.RunSpec;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The learning-rate schedule and gradient clipping. Options not given keep the base specification's
 * values; the defaults of a schedule chosen anew and the rules of its settings are the
 * specification's.
 */
final class ScheduleOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--schedule",
      paramLabel = "NAME",
      description =
          "Learning-rate schedule: constant, step, exponential or cosine (default: constant).")
  String schedule;

  @Option(
      names = "--schedule-unit",
      paramLabel = "UNIT",
      description = "Whether the schedule advances per epoch or per step (default: epoch).")
  String scheduleUnit;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      description = "Units of linear warm-up before the schedule (default: 0).")
  Integer warmup;

  @Option(
      names = "--step-size",
      paramLabel = "N",
      description = "Units between decays of the step schedule (default: 10).")
  Integer stepSize;

  @Option(
      names = "--gamma",
      paramLabel = "G",
      description =
          "Decay factor of the step and exponential schedules, in (0, 1] (default: 0.1 for step, 0.95 for exponential).")
  Double gamma;

  @Option(
      names = "--min-lr",
      paramLabel = "RATE",
      description = "Final learning rate of the cosine schedule (default: 0).")
  Double minLearningRate;

  @Option(
      names = "--clip-norm",
      paramLabel = "C",
      description = "Clip the gradients' global norm to C, > 0 (default: no clipping).")
  Double clipNorm;

  /** Applies the options given to {@code b}, whose schedule they change. */
  void applyTo(RunSpec.Builder b) {
    if (schedule != null) {
      b.schedule(pick("--schedule", schedule, LearningRateSchedule.Kind.values()));
    }
    if (scheduleUnit != null) {
      b.scheduleUnit(pick("--schedule-unit", scheduleUnit, LearningRateSchedule.Unit.values()));
    }
    if (warmup != null) {
      b.warmup(warmup);
    }
    if (stepSize != null) {
      b.stepSize(stepSize);
    }
    if (gamma != null) {
      b.gamma(gamma);
    }
    if (minLearningRate != null) {
      b.minLearningRate(minLearningRate);
    }
    if (clipNorm != null) {
      Checks.positive(spec, "--clip-norm", clipNorm);
      b.clipNorm(clipNorm);
    }
  }

  private <E extends Enum<E>> E pick(String option, String value, E[] values) {
    for (E e : values) {
      if (e.name().equalsIgnoreCase(value.trim())) {
        return e;
      }
    }
    throw Checks.invalid(
        spec,
        option,
        "'" + value + "'",
        "one of "
            + String.join(
                ", ", Arrays.stream(values).map(e -> e.name().toLowerCase(Locale.ROOT)).toList()));
  }
}

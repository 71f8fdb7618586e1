package dev.gakushu.cli;

import dev.gakushu.Conventions;
import dev.gakushu.optim.InvalidSettingException;
import dev.gakushu.optim.LearningRateSchedule;
import dev.gakushu.optim.Optimizer;
import dev.gakushu.optim.OptimizerSpec;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The optimizer, its settings, the learning-rate schedule and gradient clipping. */
final class OptimizerOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--optimizer",
      defaultValue = "adam",
      paramLabel = "NAME",
      description =
          "sgd, momentum, nesterov, adagrad, rmsprop, adam or adamw (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(
      names = "--lr",
      paramLabel = "RATE",
      description =
          "Learning rate, > 0 (default: PyTorch's, 1e-3 for adam and adamw, 1e-2 for the others; "
              + "the book's with --conventions book).")
  Double learningRate;

  @Option(
      names = "--momentum",
      paramLabel = "MU",
      description = "Momentum of momentum and nesterov, in [0, 1) (default: 0.9).")
  Double momentum;

  @Option(
      names = "--beta1",
      paramLabel = "B",
      description = "Adam's first-moment decay, in [0, 1) (default: 0.9).")
  Double beta1;

  @Option(
      names = "--beta2",
      paramLabel = "B",
      description = "Adam's second-moment decay, in [0, 1) (default: 0.999).")
  Double beta2;

  @Option(
      names = "--eps",
      paramLabel = "E",
      description =
          "ε of adagrad, rmsprop, adam, adamw, > 0 (default: PyTorch's 1e-10 for adagrad and 1e-8 for the "
              + "others; 1e-7 with --conventions book).")
  Double epsilon;

  @Option(
      names = "--rho",
      paramLabel = "R",
      description = "RMSprop's decay of the squared-gradient average, in [0, 1) (default: 0.99).")
  Double rho;

  @Option(
      names = "--weight-decay",
      paramLabel = "LAMBDA",
      description =
          "Weight decay λ on weight matrices (not biases, γ or β), >= 0: the L2 penalty ½λ‖W‖² added to the "
              + "loss for every optimizer but adamw, whose decay is decoupled (default: 0; 0.01 for adamw).")
  Double weightDecay;

  @Option(
      names = "--amsgrad",
      description = "Use AMSGrad's running maximum of v in adam and adamw.")
  boolean amsgrad;

  @Option(
      names = "--schedule",
      defaultValue = "constant",
      paramLabel = "NAME",
      description =
          "Learning-rate schedule: constant, step, exponential or cosine (default: ${DEFAULT-VALUE}).")
  String schedule;

  @Option(
      names = "--schedule-unit",
      defaultValue = "epoch",
      paramLabel = "UNIT",
      description =
          "Whether the schedule advances per epoch or per step (default: ${DEFAULT-VALUE}).")
  String scheduleUnit;

  @Option(
      names = "--warmup",
      defaultValue = "0",
      paramLabel = "N",
      description = "Units of linear warm-up before the schedule (default: ${DEFAULT-VALUE}).")
  int warmup;

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

  OptimizerSpec optimizerSpec(Conventions conventions) {
    String id = optimizer.trim().toLowerCase(Locale.ROOT);
    if (!OptimizerSpec.IDS.contains(id)) {
      throw Checks.invalid(
          spec,
          "--optimizer",
          "'" + optimizer + "'",
          "one of " + String.join(", ", OptimizerSpec.IDS));
    }
    requireApplies(id, "momentum", momentum);
    requireApplies(id, "beta1", beta1);
    requireApplies(id, "beta2", beta2);
    requireApplies(id, "eps", epsilon);
    requireApplies(id, "rho", rho);
    requireApplies(id, "amsgrad", amsgrad ? Boolean.TRUE : null);
    return new OptimizerSpec(
        id, learningRate, momentum, beta1, beta2, epsilon, rho, weightDecay, amsgrad, conventions);
  }

  private void requireApplies(String id, String setting, Object value) {
    if (value != null && !OptimizerSpec.uses(id, setting)) {
      throw Checks.invalid(
          spec,
          "--" + setting,
          value,
          "no --"
              + setting
              + " with --optimizer "
              + id
              + "; it applies to "
              + String.join(", ", OptimizerSpec.usersOf(setting)));
    }
  }

  /** The optimizer, with fresh state. */
  Optimizer build(Conventions conventions) {
    try {
      return optimizerSpec(conventions).build();
    } catch (InvalidSettingException e) {
      throw Checks.invalid(spec, "--" + e.setting(), e.value(), e.expected());
    }
  }

  /**
   * λ of the L2 penalty that belongs in the network's objective (0 for adamw, whose decay is its
   * own).
   */
  double l2Penalty(Conventions conventions) {
    try {
      return optimizerSpec(conventions).l2Penalty();
    } catch (InvalidSettingException e) {
      throw Checks.invalid(spec, "--" + e.setting(), e.value(), e.expected());
    }
  }

  LearningRateSchedule schedule() {
    LearningRateSchedule.Kind kind =
        pick("--schedule", schedule, LearningRateSchedule.Kind.values());
    LearningRateSchedule.Unit unit =
        pick("--schedule-unit", scheduleUnit, LearningRateSchedule.Unit.values());
    Checks.atLeast(spec, "--warmup", warmup, 0);
    if (stepSize != null && kind != LearningRateSchedule.Kind.STEP) {
      throw Checks.invalid(
          spec,
          "--step-size",
          stepSize,
          "no --step-size with --schedule " + kind.id() + "; it goes with step");
    }
    if (gamma != null
        && kind != LearningRateSchedule.Kind.STEP
        && kind != LearningRateSchedule.Kind.EXPONENTIAL) {
      throw Checks.invalid(
          spec,
          "--gamma",
          gamma,
          "no --gamma with --schedule " + kind.id() + "; it goes with step and exponential");
    }
    if (minLearningRate != null && kind != LearningRateSchedule.Kind.COSINE) {
      throw Checks.invalid(
          spec,
          "--min-lr",
          minLearningRate,
          "no --min-lr with --schedule " + kind.id() + "; it goes with cosine");
    }
    int k = stepSize != null ? stepSize : 10;
    Checks.atLeast(spec, "--step-size", k, 1);
    double g = gamma != null ? gamma : kind == LearningRateSchedule.Kind.EXPONENTIAL ? 0.95 : 0.1;
    if (!(g > 0 && g <= 1)) {
      throw Checks.invalid(spec, "--gamma", g, "a number in (0, 1]");
    }
    double min = minLearningRate != null ? minLearningRate : 0;
    if (!(min >= 0) || Double.isInfinite(min)) {
      throw Checks.invalid(spec, "--min-lr", min, "a finite number >= 0");
    }
    return new LearningRateSchedule(kind, unit, warmup, k, g, min);
  }

  double clipNorm() {
    if (clipNorm == null) {
      return 0;
    }
    Checks.positive(spec, "--clip-norm", clipNorm);
    return clipNorm;
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
                ", ",
                java.util.Arrays.stream(values)
                    .map(e -> e.name().toLowerCase(Locale.ROOT))
                    .toList()));
  }

  /** Checks every option, so that errors surface before any work starts. */
  void validate(Conventions conventions) {
    build(conventions);
    l2Penalty(conventions);
    schedule();
    clipNorm();
  }

  Map<String, Object> settings(Conventions conventions) {
    Map<String, Object> s = new LinkedHashMap<>(optimizerSpec(conventions).describe());
    s.put("lr", optimizerSpec(conventions).resolvedLearningRate());
    s.put(
        "weight_decay", weightDecay != null ? weightDecay : optimizerSpec(conventions).l2Penalty());
    s.put("schedule", schedule().toString());
    s.put("clip_norm", clipNorm == null ? null : clipNorm);
    return s;
  }
}

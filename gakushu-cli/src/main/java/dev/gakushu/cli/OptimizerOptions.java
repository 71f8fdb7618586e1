package dev.gakushu.cli;

import dev.gakushu.optim.LearningRateSchedule;
import dev.gakushu.spec.RunSpec;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The optimizer, its settings, the weight penalties and max-norm, the learning-rate schedule and
 * gradient clipping. Options not given keep the base specification's values; the ranges are checked
 * by the specification.
 */
final class OptimizerOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--optimizer",
      completionCandidates = Candidates.Optimizers.class,
      paramLabel = "OPTIMIZER",
      description = "sgd, momentum, nesterov, adagrad, rmsprop, adam or adamw (default: adam).")
  String optimizer;

  @Option(
      names = "--lr",
      paramLabel = "RATE",
      description =
          "Learning rate, > 0, or auto (train: the rate lr-find suggests) (default: PyTorch's, 1e-3 "
              + "for adam and adamw, 1e-2 for the others; the book's with --conventions book).")
  String learningRate;

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
      names = "--l1",
      paramLabel = "LAMBDA",
      description =
          "L1 penalty λ on weight matrices (not biases, γ or β), >= 0: λ Σ|w| added to the loss, with the "
              + "subgradient λ·sign(w); combines with --weight-decay and every optimizer (default: 0).")
  Double l1;

  @Option(
      names = "--max-norm",
      paramLabel = "C",
      description =
          "Max-norm bound c, >= 0: after every optimizer step, each unit's incoming weight vector (a "
              + "column of W, as Keras' MaxNorm(axis=0)) whose L2 norm exceeds c is scaled down to c "
              + "(default: 0, none).")
  Double maxNorm;

  @Option(
      names = "--amsgrad",
      description = "Use AMSGrad's running maximum of v in adam and adamw.")
  boolean amsgrad;

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

  /** Whether --lr is auto: the command finds the learning rate (train by lr-find). */
  boolean learningRateAuto() {
    return learningRate != null && learningRate.trim().equalsIgnoreCase("auto");
  }

  /** Applies the options given to {@code b}; {@code base} holds the schedule they modify. */
  void applyTo(RunSpec.Builder b, RunSpec base) {
    if (optimizer != null) {
      b.optimizer(optimizer.trim().toLowerCase(Locale.ROOT));
    }
    if (learningRate != null && !learningRateAuto()) {
      try {
        b.optimizerSetting("lr", Double.parseDouble(learningRate.trim()));
      } catch (NumberFormatException e) {
        throw Checks.invalid(spec, "--lr", "'" + learningRate + "'", "a number > 0, or auto");
      }
    }
    setting(b, "momentum", momentum);
    setting(b, "beta1", beta1);
    setting(b, "beta2", beta2);
    setting(b, "eps", epsilon);
    setting(b, "rho", rho);
    if (amsgrad) {
      b.optimizerSetting("amsgrad", 1);
    }
    if (weightDecay != null) {
      b.weightDecay(weightDecay);
    }
    if (l1 != null) {
      b.l1(l1);
    }
    if (maxNorm != null) {
      b.maxNorm(maxNorm);
    }
    if (schedule != null
        || scheduleUnit != null
        || warmup != null
        || stepSize != null
        || gamma != null
        || minLearningRate != null) {
      b.schedule(schedule(base.schedule()));
    }
    if (clipNorm != null) {
      Checks.positive(spec, "--clip-norm", clipNorm);
      b.clipNorm(clipNorm);
    }
  }

  private static void setting(RunSpec.Builder b, String name, Double value) {
    if (value != null) {
      b.optimizerSetting(name, value);
    }
  }

  /**
   * The schedule of the options: a new one when --schedule is given (the settings not given at
   * their defaults), else {@code base} with the settings given changed.
   */
  private LearningRateSchedule schedule(LearningRateSchedule base) {
    boolean fresh = schedule != null;
    LearningRateSchedule.Kind kind =
        fresh ? pick("--schedule", schedule, LearningRateSchedule.Kind.values()) : base.kind();
    LearningRateSchedule.Unit unit =
        scheduleUnit != null
            ? pick("--schedule-unit", scheduleUnit, LearningRateSchedule.Unit.values())
            : fresh ? LearningRateSchedule.Unit.EPOCH : base.unit();
    int w = warmup != null ? warmup : fresh ? 0 : base.warmup();
    Checks.atLeast(spec, "--warmup", w, 0);
    boolean step = kind == LearningRateSchedule.Kind.STEP;
    boolean exponential = kind == LearningRateSchedule.Kind.EXPONENTIAL;
    boolean cosine = kind == LearningRateSchedule.Kind.COSINE;
    if (stepSize != null && !step) {
      throw Checks.invalid(
          spec,
          "--step-size",
          stepSize,
          "no --step-size with --schedule " + kind.id() + "; it goes with step");
    }
    if (gamma != null && !step && !exponential) {
      throw Checks.invalid(
          spec,
          "--gamma",
          gamma,
          "no --gamma with --schedule " + kind.id() + "; it goes with step and exponential");
    }
    if (minLearningRate != null && !cosine) {
      throw Checks.invalid(
          spec,
          "--min-lr",
          minLearningRate,
          "no --min-lr with --schedule " + kind.id() + "; it goes with cosine");
    }
    boolean keep = !fresh && base.kind() == kind;
    int k = stepSize != null ? stepSize : keep ? base.stepSize() : step ? 10 : 1;
    Checks.atLeast(spec, "--step-size", k, 1);
    double g = gamma != null ? gamma : keep ? base.gamma() : step ? 0.1 : exponential ? 0.95 : 1;
    if (!(g > 0 && g <= 1)) {
      throw Checks.invalid(spec, "--gamma", g, "a number in (0, 1]");
    }
    double min = minLearningRate != null ? minLearningRate : keep ? base.minLearningRate() : 0;
    if (!(min >= 0) || Double.isInfinite(min)) {
      throw Checks.invalid(spec, "--min-lr", min, "a finite number >= 0");
    }
    return new LearningRateSchedule(kind, unit, w, k, g, min);
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

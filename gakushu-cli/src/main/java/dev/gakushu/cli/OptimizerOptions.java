package dev.gakushu.cli;

import dev.gakushu.optim.OptimizerSetting;
import dev.gakushu.spec.RunSpec;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The optimizer, its settings, the weight penalties and max-norm, and (in {@link ScheduleOptions})
 * the learning-rate schedule and gradient clipping. Options not given keep the base specification's
 * values; the ranges are checked by the specification.
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

  @Mixin ScheduleOptions scheduleOptions;

  /** Whether --lr is auto: the command finds the learning rate (train by lr-find). */
  boolean learningRateAuto() {
    return learningRate != null && learningRate.trim().equalsIgnoreCase("auto");
  }

  /** Applies the options given to {@code b}. */
  void applyTo(RunSpec.Builder b) {
    if (optimizer != null) {
      b.optimizer(optimizer.trim().toLowerCase(Locale.ROOT));
    }
    if (learningRate != null && !learningRateAuto()) {
      try {
        b.optimizerSetting(OptimizerSetting.LR.id(), Double.parseDouble(learningRate.trim()));
      } catch (NumberFormatException e) {
        throw Checks.invalid(spec, "--lr", "'" + learningRate + "'", "a number > 0, or auto");
      }
    }
    setting(b, OptimizerSetting.MOMENTUM, momentum);
    setting(b, OptimizerSetting.BETA1, beta1);
    setting(b, OptimizerSetting.BETA2, beta2);
    setting(b, OptimizerSetting.EPS, epsilon);
    setting(b, OptimizerSetting.RHO, rho);
    if (amsgrad) {
      b.optimizerSetting(OptimizerSetting.AMSGRAD.id(), 1);
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
    scheduleOptions.applyTo(b);
  }

  private static void setting(RunSpec.Builder b, OptimizerSetting setting, Double value) {
    if (value != null) {
      b.optimizerSetting(setting.id(), value);
    }
  }
}

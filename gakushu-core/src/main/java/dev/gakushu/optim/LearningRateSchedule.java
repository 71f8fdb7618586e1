package dev.gakushu.optim;

import dev.gakushu.tensor.FixedMath;
import java.util.Locale;

/**
 * How the learning rate changes over training, as a closed form of the unit index t (epochs or
 * optimizer steps, counted from 0) out of T units in all. With a warm-up of W units:
 *
 * <pre>
 * t &lt; W:  η_t = η·(t + 1)/(W + 1)                       (linear warm-up)
 * else:   s = t − W, S = T − W
 *   constant     η_t = η
 *   step         η_t = η·γ^⌊s / k⌋                         (PyTorch StepLR, step_size k)
 *   exponential  η_t = η·γ^s                               (PyTorch ExponentialLR)
 *   cosine       η_t = η_min + (η − η_min)(1 + cos(π·s/S))/2  (PyTorch CosineAnnealingLR, T_max = S)
 * </pre>
 *
 * The warm-up is PyTorch's {@code LinearLR(start_factor=1/(W+1), total_iters=W)} followed, with
 * {@code SequentialLR}, by the main schedule. As in PyTorch, the schedule advances once per epoch
 * or once per step, as the unit says.
 *
 * @param stepSize k, units between decays of a step schedule
 * @param gamma γ, the decay factor of step and exponential schedules
 * @param minLearningRate η_min of the cosine schedule
 */
public record LearningRateSchedule(
    Kind kind, Unit unit, int warmup, int stepSize, double gamma, double minLearningRate) {
  public enum Kind {
    CONSTANT,
    STEP,
    EXPONENTIAL,
    COSINE;

    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public enum Unit {
    EPOCH,
    STEP;

    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public LearningRateSchedule {
    if (warmup < 0) {
      throw new IllegalArgumentException("warm-up = " + warmup + " is not a whole number >= 0");
    }
    if (stepSize < 1) {
      throw new IllegalArgumentException("step size = " + stepSize + " is not a whole number >= 1");
    }
    if (!(gamma > 0 && gamma <= 1)) {
      throw new IllegalArgumentException("gamma = " + gamma + " is outside (0, 1]");
    }
    if (!(minLearningRate >= 0) || Double.isInfinite(minLearningRate)) {
      throw new IllegalArgumentException(
          "minimum learning rate = " + minLearningRate + " is not a finite number >= 0");
    }
  }

  /** A constant learning rate. */
  public static LearningRateSchedule constant() {
    return new LearningRateSchedule(Kind.CONSTANT, Unit.EPOCH, 0, 1, 1, 0);
  }

  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isConstant() {
    return kind == Kind.CONSTANT && warmup == 0;
  }

  /**
   * η_t for the base rate η.
   *
   * @param t the unit index, from 0
   * @param total T, the number of units in the whole run
   */
  public double learningRate(double base, long t, long total) {
    if (t < warmup) {
      return base * (t + 1) / (warmup + 1);
    }
    long s = t - warmup;
    return switch (kind) {
      case CONSTANT -> base;
      case STEP -> base * FixedMath.pow(gamma, Math.floorDiv(s, stepSize));
      case EXPONENTIAL -> base * FixedMath.pow(gamma, s);
      case COSINE ->
          minLearningRate
              + (base - minLearningRate)
                  * (1 + StrictMath.cos(Math.PI * s / Math.max(1, total - warmup)))
                  / 2;
    };
  }

  @Override
  public String toString() {
    String main =
        switch (kind) {
          case CONSTANT -> "constant";
          case STEP -> "step(step_size=" + stepSize + ", gamma=" + gamma + ")";
          case EXPONENTIAL -> "exponential(gamma=" + gamma + ")";
          case COSINE -> "cosine(min_lr=" + minLearningRate + ")";
        };
    return main + " per " + unit.id() + (warmup > 0 ? ", warm-up " + warmup : "");
  }
}

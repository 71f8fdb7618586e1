package dev.gakushu.spec;

import dev.gakushu.Range;
import dev.gakushu.optim.LearningRateSchedule;
import dev.gakushu.optim.LearningRateSchedule.Kind;
import dev.gakushu.optim.LearningRateSchedule.Unit;
import java.util.EnumSet;
import java.util.Set;

/**
 * The learning-rate schedule of a specification being built: a base schedule and the settings given
 * over it. The schedule's defaults and rules, the same for options, a JSON file and the Java API:
 *
 * <ul>
 *   <li>a kind chosen anew starts from its defaults ({@link #defaults}): per epoch, no warm-up,
 *       step size k = 10 and γ = 0.1 for step, γ = 0.95 for exponential, η_min = 0 for cosine; a
 *       setting its kind does not use holds its neutral value (k = 1, γ = 1, η_min = 0);
 *   <li>k goes with step only, γ with step and exponential, η_min with cosine: one given to another
 *       kind (or, in a finished schedule, away from its neutral value) is refused;
 *   <li>warm-up ≥ 0, k ≥ 1, γ ∈ (0, 1], η_min finite and ≥ 0.
 * </ul>
 */
final class ScheduleDraft {
  private static final String STEP_SIZE = "schedule.step_size";
  private static final String GAMMA = "schedule.gamma";
  private static final String MIN_LR = "schedule.min_learning_rate";

  private LearningRateSchedule base = LearningRateSchedule.constant();
  private Kind kind;
  private Unit unit;
  private Integer warmup;
  private Integer stepSize;
  private Double gamma;
  private Double minLearningRate;

  /** The schedule of kind {@code kind} with every setting at its default. */
  static LearningRateSchedule defaults(Kind kind) {
    return new LearningRateSchedule(
        kind,
        Unit.EPOCH,
        0,
        kind == Kind.STEP ? 10 : 1,
        switch (kind) {
          case STEP -> 0.1;
          case EXPONENTIAL -> 0.95;
          default -> 1;
        },
        0);
  }

  /** Starts again from {@code schedule}, forgetting the settings given. */
  void base(LearningRateSchedule schedule) {
    base = schedule;
    kind = null;
    unit = null;
    warmup = null;
    stepSize = null;
    gamma = null;
    minLearningRate = null;
  }

  /** A kind chosen anew: the settings not given take its defaults. */
  void kind(Kind k) {
    kind = k;
  }

  void unit(Unit u) {
    unit = u;
  }

  void warmup(int units) {
    warmup = units;
  }

  void stepSize(int units) {
    stepSize = units;
  }

  void gamma(double g) {
    gamma = g;
  }

  void minLearningRate(double rate) {
    minLearningRate = rate;
  }

  /**
   * The schedule: the base, or the defaults of the kind chosen anew, with the settings given.
   *
   * @throws InvalidSpecException naming the first setting out of its range or given to a kind that
   *     does not use it
   */
  LearningRateSchedule build() {
    LearningRateSchedule start = kind != null ? defaults(kind) : base;
    Kind k = start.kind();
    int w = warmup != null ? warmup : start.warmup();
    Check.atLeast("schedule.warmup", w, 0);
    requireUses(k, STEP_SIZE, stepSize);
    requireUses(k, GAMMA, gamma);
    requireUses(k, MIN_LR, minLearningRate);
    int size = stepSize != null ? stepSize : start.stepSize();
    Check.atLeast(STEP_SIZE, size, 1);
    double g = gamma != null ? gamma : start.gamma();
    Range.WEIGHT.check(GAMMA, g, Check.REFUSAL);
    double min = minLearningRate != null ? minLearningRate : start.minLearningRate();
    Check.nonNegative(MIN_LR, min);
    return new LearningRateSchedule(k, unit != null ? unit : start.unit(), w, size, g, min);
  }

  /** Refuses a finished schedule whose kind does not use a setting held away from neutral. */
  static void requireConsistent(LearningRateSchedule s) {
    requireUses(s.kind(), STEP_SIZE, s.stepSize() != 1 ? s.stepSize() : null);
    requireUses(s.kind(), GAMMA, s.gamma() != 1 ? s.gamma() : null);
    requireUses(s.kind(), MIN_LR, s.minLearningRate() != 0 ? s.minLearningRate() : null);
  }

  /** Refuses {@code value} (null: not given) of {@code field} when {@code kind} does not use it. */
  private static void requireUses(Kind kind, String field, Object value) {
    Set<Kind> users = users(field);
    if (value != null && !users.contains(kind)) {
      throw new InvalidSpecException(
          field,
          value,
          "no "
              + field
              + " with schedule.kind "
              + kind.id()
              + "; it goes with "
              + String.join(" and ", users.stream().map(Kind::id).toList()));
    }
  }

  private static Set<Kind> users(String field) {
    return switch (field) {
      case STEP_SIZE -> EnumSet.of(Kind.STEP);
      case GAMMA -> EnumSet.of(Kind.STEP, Kind.EXPONENTIAL);
      default -> EnumSet.of(Kind.COSINE);
    };
  }
}

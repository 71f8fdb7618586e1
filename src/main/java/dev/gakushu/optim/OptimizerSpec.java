package dev.gakushu.optim;

import dev.gakushu.Conventions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An optimizer by name with the settings a user gave; a null setting takes its default, which
 * follows {@code torch.optim} under {@link Conventions#PYTORCH} and the book's code under {@link
 * Conventions#BOOK}.
 *
 * <p>Defaults: learning rate from {@link Conventions#defaultLearningRate}; momentum 0.9 (the
 * book's; PyTorch has none); β1 0.9, β2 0.999; ρ 0.99; ε from the conventions; weight decay 0, but
 * 0.01 for AdamW (PyTorch's).
 *
 * <p>Weight decay λ is AdamW's decoupled decay for AdamW; for every other optimizer it is the L2
 * penalty of the objective ({@link #l2Penalty()}, applied by {@link dev.gakushu.nn.WeightDecay}).
 */
public record OptimizerSpec(
    String id,
    Double learningRate,
    Double momentum,
    Double beta1,
    Double beta2,
    Double epsilon,
    Double rho,
    Double weightDecay,
    boolean amsgrad,
    Conventions conventions) {
  /** The optimizers, by the names the command line uses. */
  public static final List<String> IDS =
      List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw");

  private static final Map<String, Set<String>> SETTINGS =
      Map.of(
          "sgd", Set.of(),
          "momentum", Set.of("momentum"),
          "nesterov", Set.of("momentum"),
          "adagrad", Set.of("eps"),
          "rmsprop", Set.of("rho", "eps"),
          "adam", Set.of("beta1", "beta2", "eps", "amsgrad"),
          "adamw", Set.of("beta1", "beta2", "eps", "amsgrad"));

  public OptimizerSpec {
    if (!IDS.contains(id)) {
      throw new IllegalArgumentException(
          "optimizer '" + id + "' is not one of " + String.join(", ", IDS));
    }
  }

  /** Plain settings for {@code id}: every value at its default. */
  public static OptimizerSpec of(String id, Conventions conventions) {
    return new OptimizerSpec(id, null, null, null, null, null, null, null, false, conventions);
  }

  /**
   * Whether optimizer {@code id} uses the setting {@code name} (momentum, beta1, beta2, eps, rho,
   * weight-decay, amsgrad).
   */
  public static boolean uses(String id, String name) {
    return SETTINGS.get(id).contains(name);
  }

  /** The optimizers that use setting {@code name}, for messages. */
  public static List<String> usersOf(String name) {
    return IDS.stream().filter(id -> uses(id, name)).toList();
  }

  public double resolvedLearningRate() {
    return learningRate != null ? learningRate : conventions.defaultLearningRate(id);
  }

  private double momentumOrDefault() {
    return momentum != null ? momentum : 0.9;
  }

  private double decayOrDefault() {
    return weightDecay != null ? weightDecay : id.equals("adamw") ? 0.01 : 0;
  }

  private double eps(double conventional) {
    return epsilon != null ? epsilon : conventional;
  }

  /**
   * A new optimizer with fresh state.
   *
   * @throws IllegalArgumentException naming the setting, its value and the allowed range
   */
  public Optimizer build() {
    double lr = resolvedLearningRate();
    boolean book = conventions.bookForms;
    double b1 = beta1 != null ? beta1 : 0.9;
    double b2 = beta2 != null ? beta2 : 0.999;
    return switch (id) {
      case "sgd" -> new Sgd(lr);
      case "momentum" -> new Momentum(lr, momentumOrDefault(), book);
      case "nesterov" -> new Nesterov(lr, momentumOrDefault(), book);
      case "adagrad" -> new AdaGrad(lr, eps(conventions.adagradEpsilon));
      case "rmsprop" -> new RmsProp(lr, rho != null ? rho : 0.99, eps(conventions.rmspropEpsilon));
      case "adam" -> new Adam(lr, b1, b2, eps(conventions.adamEpsilon), amsgrad, book);
      case "adamw" ->
          new AdamW(lr, b1, b2, eps(conventions.adamEpsilon), decayOrDefault(), amsgrad, book);
      default -> throw new IllegalStateException(id);
    };
  }

  /**
   * λ of the L2 penalty ½λ‖W‖² that belongs in the objective: the weight decay for every optimizer
   * but AdamW, whose decay is decoupled and applied by the optimizer itself (0 here).
   *
   * @throws InvalidSettingException if the weight decay is negative or not finite
   */
  public double l2Penalty() {
    double lambda = Require.nonNegative("weight-decay", decayOrDefault());
    return id.equals("adamw") ? 0 : lambda;
  }

  /** The settings as resolved, for config files. */
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("optimizer", id);
    d.put("optimizer_settings", build().toString());
    return d;
  }
}

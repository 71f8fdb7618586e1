package dev.gakushu.optim;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The optimizers this library has, each with its id (as the command line and the JSON form name
 * it), its name in figures, the settings it takes beside the learning rate, and its default
 * learning rate (that of {@code torch.optim}'s examples and of the book's code alike: 1e-3 for the
 * Adam family, 1e-2 for the others). A run specification checks settings against their {@link
 * OptimizerSetting ranges}; the optimizers it builds apply the same rules.
 */
public enum OptimizerKind {
  SGD("sgd", "SGD", 1e-2),
  MOMENTUM("momentum", "Momentum", 1e-2, OptimizerSetting.MOMENTUM),
  NESTEROV("nesterov", "Nesterov", 1e-2, OptimizerSetting.MOMENTUM),
  ADAGRAD("adagrad", "AdaGrad", 1e-2, OptimizerSetting.EPS),
  RMSPROP("rmsprop", "RMSprop", 1e-2, OptimizerSetting.RHO, OptimizerSetting.EPS),
  ADAM(
      "adam",
      "Adam",
      1e-3,
      OptimizerSetting.BETA1,
      OptimizerSetting.BETA2,
      OptimizerSetting.EPS,
      OptimizerSetting.AMSGRAD),
  ADAMW(
      "adamw",
      "AdamW",
      1e-3,
      OptimizerSetting.BETA1,
      OptimizerSetting.BETA2,
      OptimizerSetting.EPS,
      OptimizerSetting.WEIGHT_DECAY,
      OptimizerSetting.AMSGRAD);

  private final String id;
  private final String displayName;
  private final double defaultLearningRate;

  @SuppressWarnings("ImmutableEnumChecker") // List.of: unmodifiable
  private final List<OptimizerSetting> settings;

  OptimizerKind(
      String id, String displayName, double defaultLearningRate, OptimizerSetting... settings) {
    this.id = id;
    this.displayName = displayName;
    this.defaultLearningRate = defaultLearningRate;
    this.settings = List.of(settings);
  }

  /** The id, e.g. {@code adam}. */
  public String id() {
    return id;
  }

  /** The name figures and findings give it, as its paper spells it, e.g. {@code AdaGrad}. */
  public String displayName() {
    return displayName;
  }

  /** The learning rate used when none is given. */
  public double defaultLearningRate() {
    return defaultLearningRate;
  }

  /** The settings beside the learning rate, in the order the JSON form lists them. */
  public List<OptimizerSetting> settings() {
    return settings;
  }

  /** Whether this optimizer takes {@code setting} (every optimizer takes lr). */
  public boolean takes(OptimizerSetting setting) {
    return setting == OptimizerSetting.LR || settings.contains(setting);
  }

  /**
   * Every optimizer's id, in this order: sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw.
   */
  public static List<String> ids() {
    return Arrays.stream(values()).map(OptimizerKind::id).toList();
  }

  /** The optimizer with id {@code id}, if there is one. */
  public static Optional<OptimizerKind> find(String id) {
    return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
  }
}

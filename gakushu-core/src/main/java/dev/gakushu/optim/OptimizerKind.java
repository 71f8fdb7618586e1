package dev.gakushu.optim;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The optimizers this library has, each with its id (as the command line and the JSON form name
 * it), the settings it takes beside the learning rate, and its default learning rate (that of
 * {@code torch.optim}'s examples and of the book's code alike: 1e-3 for the Adam family, 1e-2 for
 * the others). A run specification checks settings against their {@link OptimizerSetting ranges};
 * the optimizers it builds apply the same rules.
 */
public enum OptimizerKind {
  SGD("sgd", 1e-2),
  MOMENTUM("momentum", 1e-2, OptimizerSetting.MOMENTUM),
  NESTEROV("nesterov", 1e-2, OptimizerSetting.MOMENTUM),
  ADAGRAD("adagrad", 1e-2, OptimizerSetting.EPS),
  RMSPROP("rmsprop", 1e-2, OptimizerSetting.RHO, OptimizerSetting.EPS),
  ADAM(
      "adam",
      1e-3,
      OptimizerSetting.BETA1,
      OptimizerSetting.BETA2,
      OptimizerSetting.EPS,
      OptimizerSetting.AMSGRAD),
  ADAMW(
      "adamw",
      1e-3,
      OptimizerSetting.BETA1,
      OptimizerSetting.BETA2,
      OptimizerSetting.EPS,
      OptimizerSetting.WEIGHT_DECAY,
      OptimizerSetting.AMSGRAD);

  private final String id;
  private final double defaultLearningRate;

  @SuppressWarnings("ImmutableEnumChecker") // List.of: unmodifiable
  private final List<OptimizerSetting> settings;

  OptimizerKind(String id, double defaultLearningRate, OptimizerSetting... settings) {
    this.id = id;
    this.defaultLearningRate = defaultLearningRate;
    this.settings = List.of(settings);
  }

  /** The id, e.g. {@code adam}. */
  public String id() {
    return id;
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

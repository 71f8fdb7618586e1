package dev.gakushu.optim;

/** Checks of optimizer settings, named as on the command line (lr, beta1, …). */
final class Require {
  private Require() {}

  static double positive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new InvalidSettingException(name, value, "a finite number > 0");
    }
    return value;
  }

  static double nonNegative(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new InvalidSettingException(name, value, "a finite number >= 0");
    }
    return value;
  }

  /** value ∈ [0, 1). */
  static double unitInterval(String name, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new InvalidSettingException(name, value, "a number in [0, 1)");
    }
    return value;
  }
}

package dev.gakushu.spec;

/** The range checks of a run specification, each written once. */
final class Check {
  private Check() {}

  static double positive(String field, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new InvalidSpecException(field, value, "a finite number > 0");
    }
    return value;
  }

  static double nonNegative(String field, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new InvalidSpecException(field, value, "a finite number >= 0");
    }
    return value;
  }

  /** value ∈ [0, 1). */
  static double unitInterval(String field, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new InvalidSpecException(field, value, "a number in [0, 1)");
    }
    return value;
  }

  /** A share of the data held out: value ∈ [0, 1). */
  static double share(String field, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new InvalidSpecException(field, value, "a share in [0, 1)");
    }
    return value;
  }

  static long atLeast(String field, long value, long min) {
    if (value < min) {
      throw new InvalidSpecException(field, value, "a whole number >= " + min);
    }
    return value;
  }

  static <T> T present(String field, T value) {
    if (value == null) {
      throw new InvalidSpecException(field, null, "a value");
    }
    return value;
  }
}

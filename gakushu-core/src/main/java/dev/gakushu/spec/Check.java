package dev.gakushu.spec;

import dev.gakushu.Range;

/**
 * The range checks of a run specification: the rules of {@link Range}, refused as an {@link
 * InvalidSpecException} naming the field as the JSON form spells it.
 */
final class Check {
  /** A value outside its range, as a specification refuses it. */
  static final Range.Refusal REFUSAL = InvalidSpecException::new;

  private Check() {}

  static double positive(String field, double value) {
    return Range.POSITIVE.check(field, value, REFUSAL);
  }

  static double nonNegative(String field, double value) {
    return Range.NON_NEGATIVE.check(field, value, REFUSAL);
  }

  /** A share of the data held out: value ∈ [0, 1). */
  static double share(String field, double value) {
    return Range.SHARE.check(field, value, REFUSAL);
  }

  static long atLeast(String field, long value, long min) {
    return Range.atLeast(field, value, min, REFUSAL);
  }

  static <T> T present(String field, T value) {
    if (value == null) {
      throw new InvalidSpecException(field, null, "a value");
    }
    return value;
  }
}

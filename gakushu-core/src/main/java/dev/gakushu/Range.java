package dev.gakushu;

/**
 * The ranges a setting may be restricted to, each rule written once: what a value must satisfy and
 * how a message says it. Each package refuses with its own exception ({@link Refusal}), so the same
 * rule reads "optimizer.lr = 0.0: expected a finite number &gt; 0" in a run specification and "lr =
 * 0.0 is not a finite number &gt; 0" from an optimizer's constructor.
 */
public enum Range {
  /** A finite number &gt; 0. */
  POSITIVE("a finite number > 0"),
  /** A finite number &gt;= 0. */
  NON_NEGATIVE("a finite number >= 0"),
  /** A number in [0, 1): momentum, β1, β2, ρ. */
  UNIT_INTERVAL("a number in [0, 1)"),
  /** A share of the data held out, in [0, 1). */
  SHARE("a share in [0, 1)"),
  /** The probability of dropping a unit, in [0, 1). */
  DROP_PROBABILITY("a drop probability in [0, 1)"),
  /** A weight in (0, 1], such as BatchNorm's momentum. */
  WEIGHT("a number in (0, 1]"),
  /** A TCP port, 0 to 65535; 0 asks for a free one. */
  PORT("a port from 0 to 65535; 0 for a free one");

  /** The most threads a run may ask for. */
  public static final int MAX_THREADS = 1024;

  /** How a package refuses a value: the exception it throws, given the name, value and range. */
  @FunctionalInterface
  public interface Refusal {
    RuntimeException refuse(String name, Object value, String expected);
  }

  /** The plain refusal: a {@link BadInputException} "name = value is not expected". */
  public static final Refusal BAD_INPUT =
      (name, value, expected) ->
          new BadInputException(name + " = " + value + " is not " + expected);

  private final String expected;

  Range(String expected) {
    this.expected = expected;
  }

  /** What the range allows, as messages say it, e.g. "a number in [0, 1)". */
  public String expected() {
    return expected;
  }

  /** Whether {@code v} is in the range (NaN never is). */
  public boolean holds(double v) {
    return switch (this) {
      case POSITIVE -> v > 0 && !Double.isInfinite(v);
      case NON_NEGATIVE -> v >= 0 && !Double.isInfinite(v);
      case UNIT_INTERVAL, SHARE, DROP_PROBABILITY -> v >= 0 && v < 1;
      case WEIGHT -> v > 0 && v <= 1;
      case PORT -> v >= 0 && v <= 65535 && v == Math.rint(v);
    };
  }

  /**
   * {@code value}, or the refusal naming {@code name}.
   *
   * @throws RuntimeException what {@code refusal} makes, if the value is outside the range
   */
  public double check(String name, double value, Refusal refusal) {
    if (!holds(value)) {
      throw refusal.refuse(name, value, expected);
    }
    return value;
  }

  /** {@code value} if it is at least {@code min}, or the refusal "a whole number &gt;= min". */
  public static long atLeast(String name, long value, long min, Refusal refusal) {
    if (value < min) {
      throw refusal.refuse(name, value, "a whole number >= " + min);
    }
    return value;
  }
}

package dev.gakushu.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Numbers formatted for people: a few significant digits, percentages, counts and durations. */
public final class Numbers {
  private Numbers() {}

  /**
   * {@code value} to {@code digits} significant digits: plainly between 1e-4 and 1e6 ({@code
   * 0.00937}, {@code 256}), else in scientific notation ({@code 1.23e-06}); whole numbers given as
   * integers stay whole.
   */
  public static String significant(Number value, int digits) {
    if (value instanceof Integer || value instanceof Long) {
      return value.toString();
    }
    double v = value.doubleValue();
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    if (v == 0) {
      return "0";
    }
    double size = Math.abs(v);
    if (size < 1e-4 || size >= 1e6) {
      return String.format(Locale.ROOT, "%." + (digits - 1) + "e", v);
    }
    BigDecimal rounded = new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros();
    return rounded.scale() < 0 ? rounded.setScale(0).toPlainString() : rounded.toPlainString();
  }

  /** A share as a percentage with one decimal: {@code 0.9721} is {@code 97.2 %}. */
  public static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f %%", 100 * share);
  }

  /** A count with thousands separated: {@code 12,345}. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A rate rounded to a whole number, thousands separated: {@code 2,617}. */
  public static String rate(double perSecond) {
    return Double.isFinite(perSecond) ? count(Math.round(perSecond)) : "-";
  }

  /**
   * A duration: {@code 0.84 s}, {@code 12.4 s}, {@code 2 min 05 s}, {@code 1 h 02 min}.
   *
   * @param seconds at least 0
   */
  public static String duration(double seconds) {
    if (!Double.isFinite(seconds) || seconds < 0) {
      return "-";
    }
    if (seconds < 10) {
      return String.format(Locale.ROOT, "%.2f s", seconds);
    }
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.1f s", seconds);
    }
    long whole = Math.round(seconds);
    if (whole < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", whole / 3600, (whole % 3600) / 60);
  }
}

package dev.gakushu.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Numbers for people: three significant digits, plain between 10⁻⁴ and 10⁶, else in scientific
 * notation ({@code 1.23e-8}); integers as they are; percentages, counts, durations and moments. The
 * JSON files keep full precision.
 */
public final class Numbers {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  private Numbers() {}

  /**
   * A moment to the minute in this machine's time zone, ISO 8601's order: {@code 2026-12-07 11:42}.
   */
  public static String time(Instant moment) {
    return TIME.format(moment);
  }

  /** {@code value} to three significant digits. */
  public static String sig3(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return String.valueOf(value);
    }
    if (value == 0) {
      return "0";
    }
    double magnitude = Math.abs(value);
    if (magnitude >= 1e-4 && magnitude < 1e6) {
      return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
    String s = String.format(Locale.ROOT, "%.2e", value);
    String mantissa = s.substring(0, s.indexOf('e')).replaceAll("\\.?0+$", "");
    int exponent = Integer.parseInt(s.substring(s.indexOf('e') + 1));
    return mantissa + "e" + exponent;
  }

  /** A number as a person reads it: an integer as it is, any other to three significant digits. */
  public static String shown(Number value) {
    return value instanceof Integer || value instanceof Long
        ? value.toString()
        : sig3(value.doubleValue());
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

  /**
   * {@code value} (a number, string, map, list or array of these) written compactly, each
   * floating-point number to three significant digits: {@code {gap: 0.245, order: [sgd, adam]}}.
   */
  public static String format(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value);
    return out.toString();
  }

  private static void append(StringBuilder out, Object value) {
    if (value instanceof Double || value instanceof Float) {
      out.append(sig3(((Number) value).doubleValue()));
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      String sep = "";
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.append(sep).append(e.getKey()).append(": ");
        append(out, e.getValue());
        sep = ", ";
      }
      out.append('}');
    } else if (value instanceof Collection<?> list) {
      appendAll(out, new ArrayList<>(list));
    } else if (value instanceof double[] a) {
      appendAll(out, java.util.Arrays.stream(a).boxed().toList());
    } else if (value instanceof long[] a) {
      appendAll(out, java.util.Arrays.stream(a).boxed().toList());
    } else if (value instanceof int[] a) {
      appendAll(out, java.util.Arrays.stream(a).boxed().toList());
    } else {
      out.append(value);
    }
  }

  private static void appendAll(StringBuilder out, List<?> values) {
    out.append('[');
    String sep = "";
    for (Object v : values) {
      out.append(sep);
      append(out, v);
      sep = ", ";
    }
    out.append(']');
  }
}

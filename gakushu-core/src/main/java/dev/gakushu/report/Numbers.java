package dev.gakushu.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Numbers for people: three significant digits, plain between 10⁻⁴ and 10⁶, else in scientific
 * notation ({@code 1.23e-8}); integers as they are. The JSON files keep full precision.
 */
public final class Numbers {
  private Numbers() {}

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

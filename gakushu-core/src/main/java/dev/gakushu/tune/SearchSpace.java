package dev.gakushu.tune;

import dev.gakushu.BadInputException;
import dev.gakushu.spec.InvalidSpecException;
import dev.gakushu.spec.RunSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hyperparameters a search samples, each {@code name=kind(arguments)}: {@code log(a,b)}
 * (log-uniform on [a, b], 0 &lt; a &lt; b), {@code uniform(a,b)}, {@code int(a,b)} (whole numbers
 * a..b, uniform), {@code choice(v1,v2,…)}. Names are the hyperparameters of a run specification
 * ({@link RunSpec#HYPERPARAMETERS}): lr, momentum, beta1, beta2, eps, rho, weight-decay, l1,
 * max-norm, dropout, batch-size, hidden (the width of every hidden layer) and epochs. Every value a
 * dimension can take must apply to the search's base specification.
 */
public record SearchSpace(List<Dimension> dimensions) {
  /** The settings a space may vary. */
  public static final List<String> NAMES = RunSpec.HYPERPARAMETERS;

  private static final Pattern SPEC =
      Pattern.compile("\\s*([a-z][a-z0-9-]*)\\s*=\\s*(log|uniform|int|choice)\\s*\\((.*)\\)\\s*");

  /** One dimension of the space. */
  public record Dimension(String name, String kind, List<String> arguments) {
    /** Draws a value: a Double for log/uniform, a Long for int, a String for choice. */
    Object sample(SplittableRandom random) {
      return switch (kind) {
        case "log" -> {
          double a = StrictMath.log(Double.parseDouble(arguments.get(0)));
          double b = StrictMath.log(Double.parseDouble(arguments.get(1)));
          yield StrictMath.exp(a + (b - a) * random.nextDouble());
        }
        case "uniform" -> {
          double a = Double.parseDouble(arguments.get(0));
          double b = Double.parseDouble(arguments.get(1));
          yield a + (b - a) * random.nextDouble();
        }
        case "int" ->
            Long.parseLong(arguments.get(0))
                + random.nextLong(
                    Long.parseLong(arguments.get(1)) - Long.parseLong(arguments.get(0)) + 1);
        default -> arguments.get(random.nextInt(arguments.size()));
      };
    }

    /** The largest value this dimension can produce. */
    public double largest() {
      return arguments.stream().mapToDouble(Double::parseDouble).max().orElseThrow();
    }

    public boolean continuous() {
      return kind.equals("log") || kind.equals("uniform");
    }

    @Override
    public String toString() {
      return name + "=" + kind + "(" + String.join(",", arguments) + ")";
    }
  }

  /**
   * Parses and checks every specification against the base specification of the search.
   *
   * @throws BadInputException naming the specification and what is wrong with it
   */
  public static SearchSpace parse(List<String> specs, RunSpec base) {
    List<Dimension> dims = new ArrayList<>();
    for (String spec : specs) {
      Matcher m = SPEC.matcher(spec.toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        throw bad(spec, "NAME=log(a,b), uniform(a,b), int(a,b) or choice(v1,v2,...)");
      }
      String name = m.group(1);
      if (!NAMES.contains(name)) {
        throw bad(spec, "a setting among " + String.join(", ", NAMES) + ", not '" + name + "'");
      }
      if (dims.stream().anyMatch(d -> d.name().equals(name))) {
        throw bad(spec, "each setting once; '" + name + "' is given twice");
      }
      List<String> args = new ArrayList<>();
      for (String a : m.group(3).split(",", -1)) {
        args.add(a.trim());
      }
      Dimension d = new Dimension(name, m.group(2), List.copyOf(args));
      check(spec, d, base);
      dims.add(d);
    }
    if (dims.isEmpty()) {
      throw new BadInputException(
          "search space: no dimension given; expected at least one, e.g. lr=log(1e-6,1e-2)");
    }
    return new SearchSpace(List.copyOf(dims));
  }

  private static void check(String spec, Dimension d, RunSpec base) {
    List<String> a = d.arguments();
    switch (d.kind()) {
      case "choice" -> {
        if (a.isEmpty() || a.stream().anyMatch(String::isEmpty)) {
          throw bad(spec, "choice(v1,v2,...) with no empty value");
        }
        for (String v : a) {
          requireValue(spec, base, d.name(), v);
        }
      }
      case "int" -> {
        long lo;
        long hi;
        try {
          lo = Long.parseLong(a.get(0));
          hi = Long.parseLong(a.get(1));
        } catch (RuntimeException e) {
          throw bad(spec, "int(a,b) with whole numbers a <= b");
        }
        if (a.size() != 2 || lo > hi) {
          throw bad(spec, "int(a,b) with whole numbers a <= b");
        }
        requireValue(spec, base, d.name(), Long.toString(lo));
        requireValue(spec, base, d.name(), Long.toString(hi));
      }
      default -> {
        double lo;
        double hi;
        try {
          lo = Double.parseDouble(a.get(0));
          hi = Double.parseDouble(a.get(1));
        } catch (RuntimeException e) {
          throw bad(spec, d.kind() + "(a,b) with two numbers");
        }
        if (a.size() != 2 || !(lo < hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
          throw bad(spec, d.kind() + "(a,b) with a < b, a non-empty range");
        }
        if (d.kind().equals("log") && !(lo > 0)) {
          throw bad(spec, "log(a,b) with 0 < a: a log range cannot touch zero");
        }
        requireValue(spec, base, d.name(), Double.toString(lo));
        requireValue(spec, base, d.name(), Double.toString(hi));
      }
    }
  }

  /** Every value a dimension can produce must be a valid setting of the base. */
  private static void requireValue(String spec, RunSpec base, String name, String value) {
    double v;
    try {
      v = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw bad(spec, name + " values that are numbers, not '" + value + "'");
    }
    try {
      base.with(name, v);
    } catch (InvalidSpecException e) {
      throw bad(spec, "values that apply: " + e.getMessage());
    }
  }

  private static BadInputException bad(String spec, String expected) {
    return new BadInputException("search dimension '" + spec + "': expected " + expected);
  }

  /** The hyperparameters of one trial, drawn in the order of the dimensions. */
  public Map<String, Object> sample(SplittableRandom random) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Dimension d : dimensions) {
      values.put(d.name(), d.sample(random));
    }
    return values;
  }

  public Dimension dimension(String name) {
    return dimensions.stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
  }

  @Override
  public String toString() {
    return String.join(" ", dimensions.stream().map(Dimension::toString).toList());
  }
}

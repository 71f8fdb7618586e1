package dev.gakushu.cli;

import dev.gakushu.Conventions;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Range checks for option values. A failed check is a {@link CommandLine.ParameterException}, which
 * the command line prints as one line naming the option, the value and what is allowed.
 */
final class Checks {
  private Checks() {}

  static CommandLine.ParameterException invalid(
      CommandSpec spec, String option, Object value, String expected) {
    return new CommandLine.ParameterException(
        spec.commandLine(),
        "Invalid value for option '" + option + "': " + value + " (expected " + expected + ")");
  }

  static void positive(CommandSpec spec, String option, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw invalid(spec, option, value, "a finite number > 0");
    }
  }

  static void atLeast(CommandSpec spec, String option, long value, long min) {
    if (value < min) {
      throw invalid(spec, option, value, "a whole number >= " + min);
    }
  }

  /** The conventions named {@code value} (pytorch or book). */
  static Conventions conventions(CommandSpec spec, String value) {
    for (Conventions c : Conventions.values()) {
      if (c.id().equalsIgnoreCase(value.trim())) {
        return c;
      }
    }
    throw invalid(spec, "--conventions", "'" + value + "'", "pytorch or book");
  }

  static void share(CommandSpec spec, String option, double value) {
    if (!(value >= 0 && value < 1)) {
      throw invalid(spec, option, value, "a share in [0, 1)");
    }
  }
}

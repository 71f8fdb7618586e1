package dev.gakushu.cli;

import dev.gakushu.Conventions;
import dev.gakushu.onnx.OnnxFiles;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /**
   * Requires {@code file} to be a Gakushu model (or checkpoint) file; an ONNX file is refused with
   * what to use instead.
   */
  static void modelFile(CommandSpec spec, Path file) {
    if (!Files.isRegularFile(file)) {
      throw invalid(spec, "--model", file, "a model.safetensors written by train");
    }
    if (OnnxFiles.isOnnx(file)) {
      throw invalid(
          spec,
          "--model",
          file,
          "a model.safetensors written by train, not an ONNX file: give the model it was exported"
              + " from, or run the ONNX file in ONNX Runtime");
    }
  }

  static void share(CommandSpec spec, String option, double value) {
    if (!(value >= 0 && value < 1)) {
      throw invalid(spec, option, value, "a share in [0, 1)");
    }
  }
}

package dev.gakushu.cli;

import dev.gakushu.onnx.OnnxFiles;
import dev.gakushu.spec.InvalidSpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Range checks for option values. A failed check is a {@link CommandLine.ParameterException}, which
 * the command line prints as one line naming the option, the value and what is allowed.
 */
final class Checks {
  private Checks() {}

  /** The option that sets each field of a run specification. */
  static final Map<String, String> FLAGS =
      Map.ofEntries(
          Map.entry("data.source", "--data"),
          Map.entry("data.label", "--label"),
          Map.entry("data.test_file", "--test"),
          Map.entry("data.validation_split", "--validation-split"),
          Map.entry("data.test_split", "--test-split"),
          Map.entry("network.hidden", "--hidden"),
          Map.entry("network.activation", "--activation"),
          Map.entry("network.init", "--init"),
          Map.entry("network.init_std", "--init-std"),
          Map.entry("network.batch_norm", "--batch-norm"),
          Map.entry("network.batch_norm.momentum", "--bn-momentum"),
          Map.entry("network.batch_norm.epsilon", "--bn-eps"),
          Map.entry("network.dropout", "--dropout"),
          Map.entry("regularization.weight_decay", "--weight-decay"),
          Map.entry("regularization.l1", "--l1"),
          Map.entry("regularization.max_norm", "--max-norm"),
          Map.entry("optimizer.name", "--optimizer"),
          Map.entry("optimizer.lr", "--lr"),
          Map.entry("optimizer.momentum", "--momentum"),
          Map.entry("optimizer.beta1", "--beta1"),
          Map.entry("optimizer.beta2", "--beta2"),
          Map.entry("optimizer.eps", "--eps"),
          Map.entry("optimizer.rho", "--rho"),
          Map.entry("optimizer.weight_decay", "--weight-decay"),
          Map.entry("optimizer.amsgrad", "--amsgrad"),
          Map.entry("schedule.kind", "--schedule"),
          Map.entry("schedule.unit", "--schedule-unit"),
          Map.entry("schedule.warmup", "--warmup"),
          Map.entry("schedule.step_size", "--step-size"),
          Map.entry("schedule.gamma", "--gamma"),
          Map.entry("schedule.min_learning_rate", "--min-lr"),
          Map.entry("loop.epochs", "--epochs"),
          Map.entry("loop.batch_size", "--batch-size"),
          Map.entry("loop.clip_norm", "--clip-norm"),
          Map.entry("loop.validate_every", "--validate-every"),
          Map.entry("loop.checkpoint_every", "--checkpoint-every"),
          Map.entry("loop.early_stopping.patience", "--early-stop"),
          Map.entry("loop.early_stopping.min_delta", "--early-stop-min-delta"),
          Map.entry("conventions", "--conventions"),
          Map.entry("seed", "--seed"),
          Map.entry("init_from", "--init-from"),
          Map.entry("threads", "--threads"));

  /**
   * Runs {@code build} (which makes or uses a run specification) and turns a refused field into the
   * refusal of the option that sets it, field names in the explanation included.
   */
  static <T> T mapped(CommandSpec spec, Supplier<T> build) {
    return mapped(spec, null, build);
  }

  /**
   * As {@link #mapped(CommandSpec, Supplier)} for a specification read from {@code file} (null for
   * none) and changed by the options: a refused field is named as the user gave it, by its option
   * when that option was typed (or there is no file), else by the file and the field's path there.
   */
  static <T> T mapped(CommandSpec spec, Path file, Supplier<T> build) {
    try {
      return build.get();
    } catch (InvalidSpecException e) {
      if (e.origin() != null) {
        throw e;
      }
      String flag = FLAGS.get(e.field());
      boolean typed = flag != null && spec.commandLine().getParseResult().hasMatchedOption(flag);
      if (file != null && !typed) {
        throw e.in(file.toString());
      }
      if (flag == null) {
        throw e;
      }
      String expected = e.expected();
      for (String field :
          FLAGS.keySet().stream()
              .sorted(Comparator.comparing(String::length).reversed())
              .toList()) {
        expected = expected.replace(field, FLAGS.get(field));
      }
      throw invalid(spec, flag, e.value(), expected);
    }
  }

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
}

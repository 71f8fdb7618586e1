package dev.gakushu.cli;

import dev.gakushu.Conventions;
import dev.gakushu.init.InitScheme;
import dev.gakushu.init.Initializer;
import dev.gakushu.nn.Activation;
import dev.gakushu.nn.MemoryEstimate;
import dev.gakushu.nn.Network;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options that describe a network's architecture and initial weights. */
final class NetworkOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--hidden",
      defaultValue = "100,100",
      paramLabel = "N[,N…]",
      description =
          "Units of each hidden layer, comma-separated; 'none' for no hidden layer (default: ${DEFAULT-VALUE}).")
  String hidden;

  @Option(
      names = "--activation",
      defaultValue = "relu",
      paramLabel = "NAME",
      description = "Hidden activation: relu, sigmoid or tanh (default: ${DEFAULT-VALUE}).")
  String activation;

  @Option(
      names = "--init",
      paramLabel = "NAME",
      description =
          "Weight initialisation: zeros, normal (needs --init-std), xavier (the book's N(0, 1/n_in)), "
              + "glorot-normal, glorot-uniform, he (N(0, 2/n_in)), he-uniform "
              + "(default: he, or normal when --init-std is given). Biases start at 0.")
  String init;

  @Option(
      names = "--init-std",
      paramLabel = "STD",
      description = "Standard deviation for --init normal, e.g. 0.01 (no default).")
  Double initStd;

  @Option(
      names = "--batch-norm",
      description =
          "Put batch normalisation between each hidden dense layer and its activation (the book's placement).")
  boolean batchNorm;

  @Option(
      names = "--bn-momentum",
      paramLabel = "M",
      description =
          "Weight of the new batch in BatchNorm's running statistics, in (0, 1] (default: 0.1, as PyTorch "
              + "and the book, which writes 0.9 for the old value).")
  Double bnMomentum;

  @Option(
      names = "--bn-eps",
      paramLabel = "E",
      description = "BatchNorm's ε, > 0 (default: 1e-5; 1e-6 with --conventions book).")
  Double bnEpsilon;

  @Option(
      names = "--dropout",
      paramLabel = "RATIO",
      description =
          "Dropout after each hidden activation with this drop probability, in [0, 1) (default: none). "
              + "Inverted (scaled in training); the book's form with --conventions book.")
  Double dropout;

  /** The hidden layer widths, checked. */
  List<Integer> hiddenUnits() {
    List<Integer> units = new ArrayList<>();
    if (hidden.trim().equalsIgnoreCase("none")) {
      return units;
    }
    for (String part : hidden.split(",", -1)) {
      try {
        int n = Integer.parseInt(part.trim());
        if (n < 1) {
          throw new NumberFormatException();
        }
        units.add(n);
      } catch (NumberFormatException e) {
        throw Checks.invalid(
            spec,
            "--hidden",
            "'" + hidden + "'",
            "whole numbers >= 1 separated by commas, e.g. 100,100, or 'none'");
      }
    }
    return units;
  }

  Activation activation() {
    for (Activation a : Activation.values()) {
      if (a.id().equalsIgnoreCase(activation.trim())) {
        return a;
      }
    }
    throw Checks.invalid(
        spec, "--activation", "'" + activation + "'", "one of relu, sigmoid, tanh");
  }

  InitScheme initScheme() {
    if (init == null) {
      return initStd != null ? InitScheme.NORMAL : InitScheme.HE;
    }
    InitScheme scheme = InitScheme.byId(init);
    if (scheme == null) {
      throw Checks.invalid(spec, "--init", "'" + init + "'", "one of " + InitScheme.ids());
    }
    return scheme;
  }

  Initializer initializer() {
    InitScheme scheme = initScheme();
    if (scheme == InitScheme.NORMAL) {
      if (initStd == null) {
        throw Checks.invalid(
            spec, "--init", "normal", "--init-std as well, e.g. --init normal --init-std 0.01");
      }
      if (!(initStd >= 0) || initStd.isInfinite()) {
        throw Checks.invalid(spec, "--init-std", initStd, "a finite number >= 0");
      }
      return scheme.initializer(initStd);
    }
    if (initStd != null) {
      throw Checks.invalid(
          spec,
          "--init-std",
          initStd,
          "no --init-std with --init " + scheme.id() + "; it goes with --init normal");
    }
    return scheme.initializer(Double.NaN);
  }

  /**
   * Refuses a network that cannot fit in this JVM's free heap (see {@link MemoryEstimate}).
   *
   * @param what the setting that chose the size, for the message, e.g. "--hidden 100000000"
   * @param hidden the hidden widths, which a search may vary from {@link #hiddenUnits()}
   * @param copies networks that train at once
   */
  void requireMemory(
      String what,
      List<? extends Number> hidden,
      long inputs,
      long classes,
      long batch,
      int copies) {
    MemoryEstimate.require(
        what,
        MemoryEstimate.bytes(inputs, hidden, classes, batch, batchNorm),
        copies,
        MemoryEstimate.available());
  }

  /** {@link #requireMemory} for the widths of {@code --hidden}. */
  void requireMemory(long inputs, long classes, long batch) {
    requireMemory("--hidden " + hidden, hiddenUnits(), inputs, classes, batch, 1);
  }

  /** Checks every option, so that errors surface before any work starts. */
  void validate() {
    // the smallest data (one feature, two classes, one row per batch) gives a lower bound
    requireMemory(1, 2, 1);
    activation();
    initializer();
    if (bnMomentum != null || bnEpsilon != null) {
      if (!batchNorm) {
        throw Checks.invalid(
            spec,
            bnMomentum != null ? "--bn-momentum" : "--bn-eps",
            bnMomentum != null ? bnMomentum : bnEpsilon,
            "--batch-norm as well");
      }
      if (bnMomentum != null && !(bnMomentum > 0 && bnMomentum <= 1)) {
        throw Checks.invalid(spec, "--bn-momentum", bnMomentum, "a number in (0, 1]");
      }
      if (bnEpsilon != null) {
        Checks.positive(spec, "--bn-eps", bnEpsilon);
      }
    }
    if (dropout != null && !(dropout >= 0 && dropout < 1)) {
      throw Checks.invalid(spec, "--dropout", dropout, "a drop probability in [0, 1)");
    }
  }

  /**
   * The network: inputs → (dense → [batchnorm] → activation → [dropout]) per hidden layer →
   * dense(classes).
   */
  Network build(int inputs, int classes, int threads, long seed, Conventions conventions) {
    Network.Builder builder =
        Network.builder(inputs).init(initializer()).threads(threads).conventions(conventions);
    Activation act = activation();
    for (int units : hiddenUnits()) {
      builder.dense(units);
      if (batchNorm) {
        builder.batchNorm(
            bnMomentum != null ? bnMomentum : Conventions.BATCH_NORM_MOMENTUM,
            bnEpsilon != null ? bnEpsilon : Double.NaN);
      }
      builder.activation(act);
      if (dropout != null && dropout > 0) {
        builder.dropout(dropout);
      }
    }
    return builder.dense(classes).build(seed);
  }

  /** The settings, for config.json. */
  Map<String, Object> settings() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("hidden", hiddenUnits());
    s.put("activation", activation().id());
    s.put("init", initializer().describe());
    s.put("batch_norm", batchNorm);
    s.put("dropout", dropout == null ? 0.0 : dropout);
    return s;
  }
}

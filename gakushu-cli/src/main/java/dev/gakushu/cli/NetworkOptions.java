package dev.gakushu.cli;

import dev.gakushu.init.InitScheme;
import dev.gakushu.nn.Activation;
import dev.gakushu.spec.RunSpec;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options that describe a network's architecture and initial weights. Options not given keep
 * the base specification's values; the ranges are checked by the specification.
 */
final class NetworkOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--hidden",
      paramLabel = "N[,N…]",
      description =
          "Units of each hidden layer, comma-separated; 'none' for no hidden layer (default: 100,100).")
  String hidden;

  @Option(
      names = "--activation",
      completionCandidates = Candidates.Activations.class,
      paramLabel = "ACTIVATION",
      description = "Hidden activation: relu, sigmoid or tanh (default: relu).")
  String activation;

  @Option(
      names = "--init",
      completionCandidates = Candidates.Initialisers.class,
      paramLabel = "INIT",
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
  Boolean batchNorm;

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

  /** The hidden layer widths of --hidden. */
  private List<Integer> hiddenUnits() {
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

  private Activation activation() {
    for (Activation a : Activation.values()) {
      if (a.id().equalsIgnoreCase(activation.trim())) {
        return a;
      }
    }
    throw Checks.invalid(
        spec, "--activation", "'" + activation + "'", "one of relu, sigmoid, tanh");
  }

  private InitScheme initScheme() {
    InitScheme scheme = InitScheme.byId(init);
    if (scheme == null) {
      throw Checks.invalid(spec, "--init", "'" + init + "'", "one of " + InitScheme.ids());
    }
    return scheme;
  }

  /** Applies the options given to {@code b}. */
  void applyTo(RunSpec.Builder b) {
    if (hidden != null) {
      b.hidden(hiddenUnits());
    }
    if (activation != null) {
      b.activation(activation());
    }
    if (init != null || initStd != null) {
      InitScheme scheme = init != null ? initScheme() : InitScheme.NORMAL;
      b.init(scheme).initStd(initStd);
    }
    if (batchNorm != null) {
      b.batchNorm(batchNorm);
    }
    if (bnMomentum != null) {
      b.batchNormMomentum(bnMomentum);
    }
    if (bnEpsilon != null) {
      b.batchNormEpsilon(bnEpsilon);
    }
    if (dropout != null) {
      b.dropout(dropout);
    }
  }
}

package dev.gakushu.tune;

import dev.gakushu.Conventions;
import dev.gakushu.init.Initializer;
import dev.gakushu.nn.Activation;
import dev.gakushu.nn.Network;
import dev.gakushu.optim.Optimizer;
import dev.gakushu.optim.OptimizerSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The complete training setup of one trial: the search's base settings with the trial's sampled
 * hyperparameters applied.
 *
 * @param hiddenLayers how many hidden layers; each has {@code hiddenUnits} units
 */
public record TrialConfig(
    int hiddenLayers,
    int hiddenUnits,
    Activation activation,
    String optimizer,
    Conventions conventions,
    double lr,
    double momentum,
    double weightDecay,
    double dropout,
    int batchSize,
    int epochs) {

  /** Checks one hyperparameter value; throws IllegalArgumentException naming what is allowed. */
  static void validate(String name, String value) {
    double v;
    try {
      v = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " values that are numbers, not '" + value + "'");
    }
    boolean ok =
        switch (name) {
          case "lr" -> v > 0;
          case "weight-decay" -> v >= 0;
          case "dropout", "momentum" -> v >= 0 && v < 1;
          case "batch-size", "hidden" -> v >= 1 && v <= Integer.MAX_VALUE && v == Math.rint(v);
          default -> false;
        };
    if (!ok || !Double.isFinite(v)) {
      throw new IllegalArgumentException(
          name
              + " values in its range (lr > 0, weight-decay >= 0, dropout and momentum "
              + "in [0, 1), batch-size and hidden whole numbers from 1 to 2147483647), not "
              + value);
    }
  }

  /** This configuration with the sampled values in place. */
  public TrialConfig with(Map<String, Object> values) {
    TrialConfig c = this;
    for (var e : values.entrySet()) {
      double v = Double.parseDouble(String.valueOf(e.getValue()));
      c =
          switch (e.getKey()) {
            case "lr" ->
                new TrialConfig(
                    c.hiddenLayers,
                    c.hiddenUnits,
                    c.activation,
                    c.optimizer,
                    c.conventions,
                    v,
                    c.momentum,
                    c.weightDecay,
                    c.dropout,
                    c.batchSize,
                    c.epochs);
            case "momentum" ->
                new TrialConfig(
                    c.hiddenLayers,
                    c.hiddenUnits,
                    c.activation,
                    c.optimizer,
                    c.conventions,
                    c.lr,
                    v,
                    c.weightDecay,
                    c.dropout,
                    c.batchSize,
                    c.epochs);
            case "weight-decay" ->
                new TrialConfig(
                    c.hiddenLayers,
                    c.hiddenUnits,
                    c.activation,
                    c.optimizer,
                    c.conventions,
                    c.lr,
                    c.momentum,
                    v,
                    c.dropout,
                    c.batchSize,
                    c.epochs);
            case "dropout" ->
                new TrialConfig(
                    c.hiddenLayers,
                    c.hiddenUnits,
                    c.activation,
                    c.optimizer,
                    c.conventions,
                    c.lr,
                    c.momentum,
                    c.weightDecay,
                    v,
                    c.batchSize,
                    c.epochs);
            case "batch-size" ->
                new TrialConfig(
                    c.hiddenLayers,
                    c.hiddenUnits,
                    c.activation,
                    c.optimizer,
                    c.conventions,
                    c.lr,
                    c.momentum,
                    c.weightDecay,
                    c.dropout,
                    (int) v,
                    c.epochs);
            case "hidden" ->
                new TrialConfig(
                    c.hiddenLayers,
                    (int) v,
                    c.activation,
                    c.optimizer,
                    c.conventions,
                    c.lr,
                    c.momentum,
                    c.weightDecay,
                    c.dropout,
                    c.batchSize,
                    c.epochs);
            default -> throw new IllegalArgumentException("unknown hyperparameter " + e.getKey());
          };
    }
    return c;
  }

  /** The network of this trial, initialised (He) from {@code seed}, on one thread. */
  public Network network(int inputs, int classes, long seed) {
    Network.Builder b =
        Network.builder(inputs)
            .init(Initializer.he())
            .conventions(conventions)
            .weightDecay(weightDecay);
    for (int l = 0; l < hiddenLayers; l++) {
      b.dense(hiddenUnits).activation(activation);
      if (dropout > 0) {
        b.dropout(dropout);
      }
    }
    return b.dense(classes).build(seed);
  }

  public Optimizer newOptimizer() {
    return new OptimizerSpec(
            optimizer,
            lr,
            OptimizerSpec.uses(optimizer, "momentum") ? momentum : null,
            null,
            null,
            null,
            null,
            null,
            false,
            conventions)
        .build();
  }

  /** The settings, for journals and tables. */
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    List<Integer> hidden = new ArrayList<>();
    for (int l = 0; l < hiddenLayers; l++) {
      hidden.add(hiddenUnits);
    }
    d.put("hidden", hidden);
    d.put("activation", activation.id());
    d.put("optimizer", optimizer);
    d.put("conventions", conventions.id());
    d.put("lr", lr);
    d.put("momentum", momentum);
    d.put("weight_decay", weightDecay);
    d.put("dropout", dropout);
    d.put("batch_size", batchSize);
    d.put("epochs", epochs);
    return d;
  }
}

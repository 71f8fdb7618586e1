package dev.gakushu.spec;

import dev.gakushu.Conventions;
import dev.gakushu.Range;
import dev.gakushu.init.InitScheme;
import dev.gakushu.init.Initializer;
import dev.gakushu.nn.Activation;
import dev.gakushu.nn.Network;
import dev.gakushu.nn.NetworkSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A network's architecture and initial weights: inputs → (dense → [batchnorm] → activation →
 * [dropout]) for each hidden layer → dense(classes).
 *
 * @param hidden the width of each hidden layer, in order (empty: no hidden layer)
 * @param activation the hidden layers' activation
 * @param init how the dense layers' weights start (biases start at 0)
 * @param initStd the standard deviation of {@link InitScheme#NORMAL}; null for every other scheme
 * @param batchNorm batch normalisation between each hidden dense layer and its activation (the
 *     book's placement), or null for none
 * @param dropout the drop probability of a dropout layer after each hidden activation, 0 for none
 */
public record NetworkSettings(
    List<Integer> hidden,
    Activation activation,
    InitScheme init,
    Double initStd,
    BatchNormSettings batchNorm,
    double dropout) {
  public NetworkSettings {
    hidden = List.copyOf(Check.present("network.hidden", hidden));
    for (int units : hidden) {
      Check.atLeast("network.hidden", units, 1);
    }
    Check.present("network.activation", activation);
    Check.present("network.init", init);
    if (init == InitScheme.NORMAL) {
      if (initStd == null) {
        throw new InvalidSpecException(
            "network.init", "normal", "a standard deviation as well (network.init_std)");
      }
      Check.nonNegative("network.init_std", initStd);
    } else if (initStd != null) {
      throw new InvalidSpecException(
          "network.init_std",
          initStd,
          "no standard deviation with init " + init.id() + "; it goes with init normal");
    }
    Range.DROP_PROBABILITY.check("network.dropout", dropout, Check.REFUSAL);
  }

  /** Two hidden layers of 100 ReLU units, He initialisation, no batch norm and no dropout. */
  public static NetworkSettings defaults() {
    return new NetworkSettings(List.of(100, 100), Activation.RELU, InitScheme.HE, null, null, 0);
  }

  /**
   * BatchNorm's settings: the weight of the new batch in the running statistics, in (0, 1], and the
   * ε added to the variance, > 0.
   */
  public record BatchNormSettings(double momentum, double epsilon) {
    public BatchNormSettings {
      Range.WEIGHT.check("network.batch_norm.momentum", momentum, Check.REFUSAL);
      Check.positive("network.batch_norm.epsilon", epsilon);
    }

    /** Momentum 0.1 and the conventions' ε. */
    public static BatchNormSettings defaults(Conventions conventions) {
      return new BatchNormSettings(Conventions.BATCH_NORM_MOMENTUM, conventions.batchNormEpsilon);
    }
  }

  /**
   * The settings of the network whose layers are {@code layers}: the hidden widths, and the
   * activation, batch normalisation and dropout the hidden layers show; the initialisation, which
   * no layer shows, and with no hidden layer everything but the widths, are {@code unseen}'s. A
   * model file stores its network once, as its layers, and these settings of its run specification
   * are read back from them.
   *
   * @throws IllegalArgumentException if the layers are not inputs → (dense → [batchnorm] →
   *     activation → [dropout]) per hidden layer → dense
   */
  public static NetworkSettings shownBy(NetworkSpec layers, NetworkSettings unseen) {
    List<NetworkSpec.LayerSpec> l = layers.layers();
    List<Integer> hidden = new ArrayList<>();
    Activation activation = unseen.activation;
    BatchNormSettings bn = unseen.batchNorm;
    double drop = unseen.dropout;
    int i = 0;
    while (i < l.size() - 1) {
      String blockError = "layers " + layers + " are not a network of hidden blocks";
      require(is(l, i, "dense") && l.get(i).units() != null, blockError);
      hidden.add(l.get(i++).units());
      bn =
          is(l, i, "batchnorm")
              ? new BatchNormSettings(l.get(i).momentum(), l.get(i++).epsilon())
              : null;
      require(i < l.size(), blockError);
      activation = activation(l.get(i++).type(), blockError);
      drop = is(l, i, "dropout") ? l.get(i++).ratio() : 0;
    }
    require(is(l, l.size() - 1, "dense"), "layers " + layers + " do not end in a dense layer");
    return new NetworkSettings(hidden, activation, unseen.init, unseen.initStd, bn, drop);
  }

  private static boolean is(List<NetworkSpec.LayerSpec> layers, int i, String type) {
    return i >= 0 && i < layers.size() && type.equals(layers.get(i).type());
  }

  private static Activation activation(String type, String error) {
    for (Activation a : Activation.values()) {
      if (a.id().equals(type)) {
        return a;
      }
    }
    throw new IllegalArgumentException(error);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  public Initializer initializer() {
    return init.initializer(initStd == null ? 0 : initStd);
  }

  /** The network, its weights drawn from {@code seed}, with the given penalties and constraint. */
  public Network build(
      int inputs,
      int classes,
      Conventions conventions,
      Regularization regularization,
      int threads,
      long seed) {
    Network.Builder builder =
        Network.builder(inputs)
            .init(initializer())
            .threads(threads)
            .conventions(conventions)
            .weightDecay(regularization.weightDecay())
            .l1(regularization.l1())
            .maxNorm(regularization.maxNorm());
    for (int units : hidden) {
      builder.dense(units);
      if (batchNorm != null) {
        builder.batchNorm(batchNorm.momentum(), batchNorm.epsilon());
      }
      builder.activation(activation);
      if (dropout > 0) {
        builder.dropout(dropout);
      }
    }
    return builder.dense(classes).build(seed);
  }
}

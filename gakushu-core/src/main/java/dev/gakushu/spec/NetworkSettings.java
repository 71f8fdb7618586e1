package dev.gakushu.spec;

import dev.gakushu.Conventions;
import dev.gakushu.Range;
import dev.gakushu.init.InitScheme;
import dev.gakushu.init.Initializer;
import dev.gakushu.nn.Activation;
import dev.gakushu.nn.Network;
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

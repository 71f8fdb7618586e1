package dev.gakushu.nn;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gakushu.Conventions;
import dev.gakushu.init.Initializer;
import java.util.List;

/**
 * What a network is made of, enough to build it again: the input width, the conventions of its
 * BatchNorm and Dropout layers, and its layers in order. Model files store it as JSON.
 */
public record NetworkSpec(int inputs, String conventions, List<LayerSpec> layers) {
  public NetworkSpec {
    layers = List.copyOf(layers);
  }

  /** One layer: its type and the settings that type needs (the others are null). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LayerSpec(
      String type, Integer units, Double ratio, Double momentum, Double epsilon) {
    static LayerSpec of(String type) {
      return new LayerSpec(type, null, null, null, null);
    }
  }

  /**
   * A builder that makes this network again (with zero weights: the caller loads them).
   *
   * @throws IllegalArgumentException if the spec names an unknown layer or conventions
   */
  public Network.Builder toBuilder() {
    Conventions c = null;
    for (Conventions candidate : Conventions.values()) {
      if (candidate.id().equals(conventions)) {
        c = candidate;
      }
    }
    if (c == null) {
      throw new IllegalArgumentException("unknown conventions '" + conventions + "'");
    }
    Network.Builder b = Network.builder(inputs).conventions(c).init(Initializer.zeros());
    for (LayerSpec l : layers) {
      switch (l.type() == null ? "" : l.type()) {
        case "dense" -> b.dense(require(l.units(), l));
        case "relu" -> b.relu();
        case "sigmoid" -> b.sigmoid();
        case "tanh" -> b.tanh();
        case "batchnorm" -> b.batchNorm(require(l.momentum(), l), require(l.epsilon(), l));
        case "dropout" -> b.dropout(require(l.ratio(), l));
        default -> throw new IllegalArgumentException("unknown layer type '" + l.type() + "'");
      }
    }
    return b;
  }

  private static <T> T require(T value, LayerSpec layer) {
    if (value == null) {
      throw new IllegalArgumentException("layer " + layer.type() + " lacks a setting");
    }
    return value;
  }
}

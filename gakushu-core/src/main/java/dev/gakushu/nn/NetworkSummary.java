package dev.gakushu.nn;

import dev.gakushu.tensor.Matrix;
import java.util.ArrayList;
import java.util.List;

/**
 * A network's layers with their output shapes and parameter counts, as Keras' {@code
 * model.summary()} shows them. A dense layer of n inputs and m units has n·m weights and m biases;
 * BatchNorm of d features has d scales γ and d shifts β (trained) and a running mean and variance
 * of d each (not trained); activations and dropout have none.
 */
public final class NetworkSummary {
  /**
   * One layer.
   *
   * @param outputs the width of its output; its shape is (batch, outputs)
   * @param trainable parameters the optimizer changes
   * @param nonTrainable numbers the layer keeps that training does not step (running statistics)
   */
  public record Row(String layer, int outputs, long trainable, long nonTrainable) {}

  private final int inputs;
  private final List<Row> rows;

  private NetworkSummary(int inputs, List<Row> rows) {
    this.inputs = inputs;
    this.rows = List.copyOf(rows);
  }

  public static NetworkSummary of(Network network) {
    List<Row> rows = new ArrayList<>();
    int width = network.inputs();
    for (Layer layer : network.layers()) {
      long trainable = layer.params().stream().mapToLong(p -> size(p.value())).sum();
      long nonTrainable = 0;
      if (layer instanceof Dense dense) {
        width = dense.units();
      } else if (layer instanceof BatchNorm bn) {
        nonTrainable = size(bn.runningMean()) + size(bn.runningVariance());
      }
      rows.add(new Row(layer.describe(), width, trainable, nonTrainable));
    }
    return new NetworkSummary(network.inputs(), rows);
  }

  private static long size(Matrix m) {
    return (long) m.rows() * m.cols();
  }

  public int inputs() {
    return inputs;
  }

  public List<Row> rows() {
    return rows;
  }

  public long trainable() {
    return rows.stream().mapToLong(Row::trainable).sum();
  }

  public long nonTrainable() {
    return rows.stream().mapToLong(Row::nonTrainable).sum();
  }
}

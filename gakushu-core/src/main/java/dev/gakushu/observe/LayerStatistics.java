package dev.gakushu.observe;

import dev.gakushu.nn.Layer;
import dev.gakushu.nn.Network;
import dev.gakushu.nn.Param;
import dev.gakushu.run.ActivationStats;
import dev.gakushu.run.LayerSnapshot;
import dev.gakushu.run.ParamStats;
import dev.gakushu.tensor.Matrix;
import dev.gakushu.train.TrainListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Measures every layer's outputs and every parameter's weight, gradient and update at chosen steps
 * (the first step, then every {@code every} steps, or at the last step of each epoch when {@code
 * every} is 0) and hands each {@link LayerSnapshot} to a consumer. It only reads the network: a run
 * gives the same bits with or without it. Between two measured steps it costs nothing but a
 * comparison.
 */
public final class LayerStatistics implements TrainListener {
  private final Network network;
  private final int every;
  private final Consumer<LayerSnapshot> sink;
  private final List<String> names;
  private final List<String> types;
  private int batchesPerEpoch = 1;
  private List<ActivationStats> activations;
  private double[] gradNorms;
  private float[][] before;

  /**
   * @param every measure every this many steps; 0 for the last step of each epoch
   */
  public LayerStatistics(Network network, int every, Consumer<LayerSnapshot> sink) {
    if (every < 0) {
      throw new IllegalArgumentException("layer statistics every " + every + " steps");
    }
    this.network = network;
    this.every = every;
    this.sink = sink;
    this.types = network.layers().stream().map(LayerStatistics::type).toList();
    this.names = numbered(types);
  }

  /** A layer's kind: its description up to the first parenthesis, e.g. dense or relu. */
  static String type(Layer layer) {
    String d = layer.describe();
    int paren = d.indexOf('(');
    return paren < 0 ? d : d.substring(0, paren);
  }

  /** dense1, relu1, dense2, relu2, …: each kind counted on its own, as dense layers' params are. */
  private static List<String> numbered(List<String> types) {
    Map<String, Integer> counts = new HashMap<>();
    List<String> names = new ArrayList<>();
    for (String t : types) {
      names.add(t + counts.merge(t, 1, Integer::sum));
    }
    return names;
  }

  /** Whether step {@code step} (from 1) is measured. */
  public boolean measures(long step) {
    return step == 1 || step % (every > 0 ? every : batchesPerEpoch) == 0;
  }

  @Override
  public void onTrainStart(int epochs, int batchesPerEpoch) {
    this.batchesPerEpoch = batchesPerEpoch;
  }

  @Override
  public void onGradients(int epoch, long step) {
    if (!measures(step)) {
      return;
    }
    List<Matrix> outputs = network.lastOutputs();
    activations = new ArrayList<>();
    for (int i = 0; i < outputs.size(); i++) {
      Matrix y = outputs.get(i);
      activations.add(ActivationMeasure.of(names.get(i), types.get(i), y.data(), y.size()));
    }
    List<Param> params = network.params();
    gradNorms = new double[params.size()];
    if (before == null) {
      before = new float[params.size()][];
    }
    for (int p = 0; p < params.size(); p++) {
      float[] w = params.get(p).value().data();
      gradNorms[p] = norm(params.get(p).grad().data());
      if (before[p] == null) {
        before[p] = new float[w.length];
      }
      System.arraycopy(w, 0, before[p], 0, w.length);
    }
  }

  @Override
  public void onBatchEnd(int epoch, long step, double loss) {
    if (!measures(step) || activations == null) {
      return;
    }
    List<Param> params = network.params();
    List<ParamStats> stats = new ArrayList<>();
    for (int p = 0; p < params.size(); p++) {
      float[] w = params.get(p).value().data();
      double weight = norm(before[p]);
      double update = distance(w, before[p]);
      stats.add(
          new ParamStats(
              params.get(p).name(),
              weight,
              gradNorms[p],
              update,
              weight > 0 ? update / weight : Double.NaN));
    }
    LayerSnapshot snapshot = new LayerSnapshot(epoch, step, activations, stats);
    activations = null;
    sink.accept(snapshot);
  }

  /** ‖x‖ = √Σx². */
  static double norm(float[] x) {
    double s = 0;
    for (float v : x) {
      s += (double) v * v;
    }
    return Math.sqrt(s);
  }

  /** ‖a − b‖. */
  static double distance(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = (double) a[i] - b[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }
}

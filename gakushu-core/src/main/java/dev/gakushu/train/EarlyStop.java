package dev.gakushu.train;

import dev.gakushu.nn.BatchNorm;
import dev.gakushu.nn.Network;
import dev.gakushu.nn.Param;
import dev.gakushu.run.EpochMetrics;
import dev.gakushu.tensor.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Early stopping on the validation loss, as Keras' {@code EarlyStopping(monitor="val_loss",
 * restore_best_weights=True)}: an epoch improves when its loss L is below the best so far L* by
 * more than δ (L &lt; L* − δ); after {@code patience} epochs in a row without improvement training
 * stops, and when training ends the network gets back the weights (and BatchNorm statistics) of the
 * best epoch. Without validation data it never stops.
 */
public final class EarlyStop implements TrainListener {
  private final Network network;
  private final int patience;
  private final double minDelta;
  private final List<Matrix> best = new ArrayList<>();
  private double bestLoss = Double.POSITIVE_INFINITY;
  private int bestEpoch;
  private int waited;

  /**
   * @param patience epochs without improvement before stopping, at least 1
   * @param minDelta δ, the least decrease of the loss that counts, at least 0
   */
  public EarlyStop(Network network, int patience, double minDelta) {
    if (patience < 1 || !(minDelta >= 0)) {
      throw new IllegalArgumentException(
          "patience " + patience + " (>= 1) or min delta " + minDelta + " (>= 0) out of range");
    }
    this.network = network;
    this.patience = patience;
    this.minDelta = minDelta;
  }

  @Override
  public String stopAfter(EpochMetrics m) {
    double loss = m.validationLoss();
    if (Double.isNaN(loss)) {
      return null;
    }
    if (loss < bestLoss - minDelta) {
      bestLoss = loss;
      bestEpoch = m.epoch();
      waited = 0;
      remember();
      return null;
    }
    waited++;
    if (waited < patience) {
      return null;
    }
    return String.format(
        Locale.ROOT,
        "early stop: validation loss did not improve by more than %s for %d epochs; "
            + "best %.6f at epoch %d, whose weights are kept",
        minDelta,
        patience,
        bestLoss,
        bestEpoch);
  }

  /** The epoch whose weights the network holds after training, 0 before any validation. */
  public int bestEpoch() {
    return bestEpoch;
  }

  @Override
  public void onTrainEnd(TrainResult result) {
    if (best.isEmpty()) {
      return;
    }
    List<Matrix> now = tensors();
    for (int i = 0; i < now.size(); i++) {
      now.get(i).copyFrom(best.get(i));
    }
  }

  /**
   * What early stopping has seen so far, enough to continue a run exactly (a {@link Snapshot}).
   *
   * @param best the remembered weights and statistics, in the network's order; empty before any
   *     improvement
   */
  public record State(double bestLoss, int bestEpoch, int waited, List<float[]> best) {
    public State {
      best = List.copyOf(best);
    }
  }

  /** A copy of the current state. */
  public State exportState() {
    return new State(
        bestLoss, bestEpoch, waited, best.stream().map(m -> m.data().clone()).toList());
  }

  /**
   * Continues from {@code state}.
   *
   * @throws IllegalArgumentException if its remembered weights do not fit this network
   */
  public void importState(State state) {
    List<Matrix> now = tensors();
    if (!state.best().isEmpty() && state.best().size() != now.size()) {
      throw new IllegalArgumentException(
          state.best().size() + " remembered tensors for a network of " + now.size());
    }
    best.clear();
    for (int i = 0; i < state.best().size(); i++) {
      Matrix m = now.get(i);
      if (state.best().get(i).length != m.size()) {
        throw new IllegalArgumentException(
            "remembered tensor "
                + i
                + " holds "
                + state.best().get(i).length
                + " values; the network's holds "
                + m.size());
      }
      Matrix copy = m.copy();
      System.arraycopy(state.best().get(i), 0, copy.data(), 0, m.size());
      best.add(copy);
    }
    bestLoss = state.bestLoss();
    bestEpoch = state.bestEpoch();
    waited = state.waited();
  }

  private void remember() {
    List<Matrix> now = tensors();
    if (best.isEmpty()) {
      now.forEach(m -> best.add(m.copy()));
    } else {
      for (int i = 0; i < now.size(); i++) {
        best.get(i).copyFrom(now.get(i));
      }
    }
  }

  private List<Matrix> tensors() {
    List<Matrix> all = new ArrayList<>();
    for (Param p : network.params()) {
      all.add(p.value());
    }
    for (BatchNorm bn : network.batchNorms()) {
      all.add(bn.runningMean());
      all.add(bn.runningVariance());
    }
    return all;
  }
}

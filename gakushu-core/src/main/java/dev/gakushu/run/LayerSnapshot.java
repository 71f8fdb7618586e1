package dev.gakushu.run;

import java.util.List;

/**
 * The per-layer statistics of one training step, taken on that step's batch in training mode.
 *
 * @param step the optimizer step (from 1) whose batch and update are measured
 */
public record LayerSnapshot(
    int epoch, long step, List<ActivationStats> activations, List<ParamStats> params) {
  public LayerSnapshot {
    activations = List.copyOf(activations);
    params = List.copyOf(params);
  }
}

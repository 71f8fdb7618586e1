package dev.gakushu.optim;

import java.util.Map;
import java.util.TreeMap;

/**
 * An optimizer's mutable state: the number of steps taken and named buffers keyed {@code <param
 * name>.<buffer>}, e.g. {@code dense1.W.velocity}. The buffers are copied in and out, so an
 * exported state is never changed by later steps.
 */
public record OptimizerState(long steps, Map<String, float[]> buffers) {
  public OptimizerState {
    if (steps < 0) {
      throw new IllegalArgumentException("step count must not be negative, was " + steps);
    }
    TreeMap<String, float[]> copy = new TreeMap<>();
    buffers.forEach((name, values) -> copy.put(name, values.clone()));
    buffers = java.util.Collections.unmodifiableMap(copy);
  }

  /** A state with no buffers. */
  public static OptimizerState of(long steps) {
    return new OptimizerState(steps, Map.of());
  }
}

package dev.gakushu.run;

/**
 * One parameter at one step: the Frobenius norms ‖W‖ (before the step), ‖∂J/∂W‖ (the gradient the
 * backward pass produced, before any clipping) and ‖ΔW‖ (what the optimizer changed), and the ratio
 * ‖ΔW‖/‖W‖ — about 1e-3 is healthy; much larger means the learning rate is too high, much smaller
 * that the layer barely learns. The ratio is NaN when ‖W‖ = 0 (a bias before its first step).
 */
public record ParamStats(
    String param, double weightNorm, double gradNorm, double updateNorm, double updateRatio) {}

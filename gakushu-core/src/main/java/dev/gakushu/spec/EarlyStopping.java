package dev.gakushu.spec;

/**
 * Stop training when the validation loss has not improved for {@code patience} epochs in a row, and
 * keep the weights of the best epoch (as Keras' {@code EarlyStopping} with {@code
 * restore_best_weights}). An epoch improves on the best loss L* when its loss is below L* − δ.
 *
 * @param patience epochs without improvement before stopping, >= 1
 * @param minDelta δ, the least decrease that counts as an improvement, >= 0
 */
public record EarlyStopping(int patience, double minDelta) {
  public EarlyStopping {
    Check.atLeast("loop.early_stopping.patience", patience, 1);
    Check.nonNegative("loop.early_stopping.min_delta", minDelta);
  }
}

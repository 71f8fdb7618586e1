/**
 * Optimizers: the kinds ({@link dev.gakushu.optim.OptimizerKind}) with their settings and ranges
 * ({@link dev.gakushu.optim.OptimizerSetting}), the update rules (SGD, Momentum, Nesterov, AdaGrad,
 * RMSprop, Adam, AdamW), their exportable state, learning-rate schedules and gradient clipping.
 */
package dev.gakushu.optim;

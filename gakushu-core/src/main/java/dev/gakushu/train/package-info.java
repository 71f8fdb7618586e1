/**
 * Training: {@link dev.gakushu.train.TrainingRun} runs a {@link dev.gakushu.spec.RunSpec} end to
 * end into a run directory (checkpoints, resume, early stopping, the model file); {@link
 * dev.gakushu.train.Trainer} is the loop itself, and {@link dev.gakushu.train.TrainListener} is how
 * observers follow it.
 */
package dev.gakushu.train;

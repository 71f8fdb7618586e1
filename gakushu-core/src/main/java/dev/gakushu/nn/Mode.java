package dev.gakushu.nn;

/** Whether a forward pass is part of training or of evaluation (BatchNorm and Dropout differ). */
public enum Mode {
  TRAIN,
  EVAL
}

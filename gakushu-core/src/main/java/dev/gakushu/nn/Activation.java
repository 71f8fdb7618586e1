package dev.gakushu.nn;

import java.util.Locale;

/** The hidden-layer activations a network can use. */
public enum Activation {
  RELU,
  SIGMOID,
  TANH;

  /** The lower-case name used on the command line and in files. */
  @com.fasterxml.jackson.annotation.JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}

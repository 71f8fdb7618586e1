package dev.gakushu.cli;

import dev.gakushu.spec.RunSpec;
import picocli.CommandLine.Mixin;

/** The data, network and run options that every command building a network shares. */
final class ModelOptions {
  @Mixin DataOptions data;

  @Mixin NetworkOptions network;

  @Mixin RunOptions run;

  /** Applies the options given to {@code b}, whose data settings are those of {@code base}. */
  void applyTo(RunSpec.Builder b, RunSpec base) {
    b.data(data.applyTo(base.data()));
    run.applyTo(b);
    network.applyTo(b);
  }
}

package dev.gakushu.cli;

import dev.gakushu.Conventions;
import dev.gakushu.data.Split;
import dev.gakushu.nn.Network;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;

/** The data, network and run options that every command building a network shares. */
final class ModelOptions {
  @Mixin DataOptions data;

  @Mixin NetworkOptions network;

  @Mixin RunOptions run;

  /** Checks every option, so that errors surface before any work starts. */
  void validate() {
    data.validate();
    network.validate();
    run.validate();
  }

  long seed() {
    return run.seed;
  }

  Conventions conventions() {
    return run.conventions();
  }

  int threads() {
    return run.threads();
  }

  /** The data, split and standardised; a download shows a progress bar on a terminal. */
  Split loadData() {
    return data.load(run.seed, ConsoleDownloadProgress.forTerminal());
  }

  /** The network for {@code split}'s features and classes, initialised from the run's seed. */
  Network buildNetwork(Split split) {
    return network.build(
        split.train().featureCount(),
        split.train().classCount(),
        run.threads(),
        run.seed,
        run.conventions());
  }

  /** Every setting, for config.json. */
  Map<String, Object> settings() {
    Map<String, Object> s = new LinkedHashMap<>(data.settings());
    s.putAll(network.settings());
    s.put("conventions", run.conventions().id());
    s.put("seed", run.seed);
    return s;
  }
}

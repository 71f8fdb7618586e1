package dev.gakushu.experiments;

import dev.gakushu.spec.RunSpec;
import dev.gakushu.spec.RunSpecJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An experiment's configuration as {@code config.json} holds it: {@code networks}, each network's
 * run specification (the form {@code train --config} reads), then what no specification says (how
 * many steps or evaluations, which rows, how a value was chosen).
 */
final class ExperimentConfig {
  private ExperimentConfig() {}

  /**
   * @param networks each network by its label in the figure
   * @param notes what the specifications do not say, in this order
   */
  static Map<String, Object> of(Map<String, RunSpec> networks, Map<String, Object> notes) {
    Map<String, Object> specs = new LinkedHashMap<>();
    networks.forEach((label, spec) -> specs.put(label, RunSpecJson.toMap(spec)));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("networks", specs);
    config.putAll(notes);
    return config;
  }
}

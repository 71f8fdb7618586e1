package dev.gakushu.report;

import java.util.List;
import java.util.Map;

/**
 * What an experiment produced: its figure, the numbers behind it, the findings computed from them,
 * its configuration, and how long it took.
 *
 * @param name the command-line name, e.g. {@code optimizer-compare}; also the files' base name
 */
public record ExperimentResult(
    String name,
    String title,
    Figure figure,
    Object data,
    List<Finding> findings,
    Map<String, Object> config,
    double seconds) {}

package dev.gakushu.report;

/**
 * A statement an experiment exists to test, with what was measured and whether the statement held
 * in this run. Nothing here is written by hand: each is computed from the run's data.
 *
 * @param id a short stable name, e.g. {@code sgd-zigzags}
 * @param statement what the book says should happen
 * @param measured the figures that decide it
 * @param holds whether the measurement agrees with the statement
 */
public record Finding(String id, String statement, Object measured, boolean holds) {}

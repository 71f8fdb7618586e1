package dev.gakushu.experiments;

import dev.gakushu.report.ExperimentResult;

/** One of the chapter's experiments, run at full size (the book's) or at a quick size for tests. */
public interface Experiment {
  /** The command-line name. */
  String name();

  /**
   * @param quick a reduced size (few iterations) that still exercises every part
   * @param seed the one seed of the run
   * @param threads the threads it may use, at least 1: independent networks run at once, one per
   *     thread; the results are the same bits for any count
   */
  ExperimentResult run(BookData data, boolean quick, long seed, int threads);
}

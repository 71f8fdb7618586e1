package dev.gakushu.train;

/**
 * How the training loop runs.
 *
 * @param epochs passes over the training data, at least 1
 * @param batchSize rows per mini-batch, at least 1
 * @param shuffle whether each epoch visits the rows in a fresh random order
 * @param seed the run's seed; the shuffling stream is derived from it
 */
public record TrainConfig(int epochs, int batchSize, boolean shuffle, long seed) {
    public TrainConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, was " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
        }
    }
}

package dev.gakushu.tune;

import dev.gakushu.tensor.Seeds;
import java.util.Map;

/** The book's random search: trial n's values drawn from the stream "trial-n" of the seed. */
final class RandomSampler implements Sampler {
  private final SearchSpace space;
  private final long seed;

  RandomSampler(SearchSpace space, long seed) {
    this.space = space;
    this.seed = seed;
  }

  @Override
  public int needs(int trial) {
    return 0;
  }

  @Override
  public Map<String, Object> propose(int trial, History history) {
    return space.sample(Seeds.stream(seed, "trial-" + trial));
  }
}

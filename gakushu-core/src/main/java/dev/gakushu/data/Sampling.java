package dev.gakushu.data;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How a training loop draws its mini-batches from n training rows in batches of b:
 *
 * <ul>
 *   <li>{@link #SHUFFLE}: each epoch visits every row once, in a fresh seeded order, ⌈n/b⌉ batches
 *       ({@link Batches});
 *   <li>{@link #IN_ORDER}: each epoch visits every row once in the stored order ({@link Batches});
 *   <li>{@link #WITH_REPLACEMENT}: the book's loop, each batch b rows drawn at random with
 *       replacement ({@code np.random.choice(train_size, batch_size)}), an epoch being max(⌊n/b⌋,
 *       1) such batches (the book's {@code iter_per_epoch}) ({@link SampledBatches}).
 * </ul>
 */
public enum Sampling {
  SHUFFLE,
  IN_ORDER,
  WITH_REPLACEMENT;

  /** The name in files and on the command line: shuffle, in-order, with-replacement. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Every mode's name, in declaration order. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(Sampling::id).toList();
  }

  /** The mode named {@code id}, or null when none is. */
  public static Sampling byId(String id) {
    for (Sampling s : values()) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    return null;
  }

  /**
   * The batches of {@code data} in this mode.
   *
   * @param seed the stream the order or the draws come from
   */
  public BatchSampler batches(Dataset data, int batchSize, long seed) {
    return switch (this) {
      case SHUFFLE -> new Batches(data, batchSize, true, seed);
      case IN_ORDER -> new Batches(data, batchSize, false, seed);
      case WITH_REPLACEMENT ->
          new SampledBatches(data, batchSize, Math.max(1, data.size() / batchSize), seed);
    };
  }
}

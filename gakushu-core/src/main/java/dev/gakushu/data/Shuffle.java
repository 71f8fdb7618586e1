package dev.gakushu.data;

import java.util.random.RandomGenerator;

/** In-place Fisher–Yates shuffle, the one used wherever rows are put in random order. */
final class Shuffle {
  private Shuffle() {}

  static void shuffle(int[] a, RandomGenerator random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}

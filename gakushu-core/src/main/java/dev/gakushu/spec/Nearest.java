package dev.gakushu.spec;

import java.util.Collection;
import java.util.Locale;

/** The known name nearest a misspelt one, for "did you mean" suggestions. */
final class Nearest {
  private Nearest() {}

  /**
   * The name of {@code known} nearest {@code typed} (ignoring case), or null when none is within
   * max(1, ⌊|typed|/3⌋) edits; on a tie the first in {@code known}'s order.
   */
  static String to(String typed, Collection<String> known) {
    String best = null;
    int bestDistance = Math.max(1, typed.length() / 3) + 1;
    for (String name : known) {
      int d = distance(typed.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = name;
        bestDistance = d;
      }
    }
    return best;
  }

  /**
   * The optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions, each
   * substring edited once): the fewest insertions, deletions, substitutions and swaps of adjacent
   * characters that turn {@code a} into {@code b}. With d(i, 0) = i and d(0, j) = j,
   *
   * <pre>
   * d(i, j) = min( d(i−1, j) + 1, d(i, j−1) + 1, d(i−1, j−1) + [aᵢ ≠ bⱼ],
   *                d(i−2, j−2) + 1  when i, j > 1, aᵢ = bⱼ₋₁ and aᵢ₋₁ = bⱼ )
   * </pre>
   */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}

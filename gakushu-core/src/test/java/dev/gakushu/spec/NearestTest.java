package dev.gakushu.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NearestTest {
  /**
   * Hand-counted: to or from the empty string every character is one edit; "abc" → "x" is two
   * deletions and a substitution; "ca" → "abc" is 3 in the optimal string alignment (the swap "ca"
   * → "ac" may not be edited again), where the unrestricted Damerau–Levenshtein distance is 2.
   */
  @Test
  void countsTheFewestEditsOfTheOptimalStringAlignment() {
    assertThat(Nearest.distance("ab", "")).isEqualTo(2);
    assertThat(Nearest.distance("", "abc")).isEqualTo(3);
    assertThat(Nearest.distance("abc", "x")).isEqualTo(3);
    assertThat(Nearest.distance("epochs", "epohcs")).isEqualTo(1);
    assertThat(Nearest.distance("ca", "abc")).isEqualTo(3);
  }
}

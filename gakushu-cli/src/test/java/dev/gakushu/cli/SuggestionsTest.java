package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A misspelt option or command gets one error line, then picocli's suggestion, and exit 2. */
class SuggestionsTest {
  @Test
  void aMisspeltOptionSuggestsTheRightOne() {
    CliRunner r = CliRunner.run("train", "--optimzer", "adam");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err().strip().lines())
        .containsExactly(
            "gakushu: Unknown options: '--optimzer', 'adam'",
            "gakushu: Possible solutions: --optimizer");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aMisspeltCommandSuggestsTheRightOne() {
    CliRunner r = CliRunner.run("trian");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err().strip().lines())
        .hasSize(2)
        .first()
        .isEqualTo("gakushu: Unmatched argument at index 0: 'trian'");
    assertThat(r.err().strip().lines().toList().get(1))
        .startsWith("gakushu: Did you mean: gakushu train");
  }

  @Test
  void anOptionLikeNoOtherGetsNoSuggestion() {
    CliRunner r = CliRunner.run("train", "--bogus", "1");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err().strip().lines()).containsExactly("gakushu: Unknown options: '--bogus', '1'");
  }
}

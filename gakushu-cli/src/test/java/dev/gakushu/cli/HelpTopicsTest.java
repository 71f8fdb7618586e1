package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --help} groups the options of a command with several option sets by topic. */
class HelpTopicsTest {
  private static final List<String> TRAIN_TOPICS =
      List.of(
          "Options:",
          "Data:",
          "Network:",
          "Seed, threads and conventions:",
          "Optimizer, regularisation and schedule:",
          "Training loop:",
          "Watching:",
          "Help:",
          "Examples:");

  @Test
  void trainShowsEachTopicOnceInOrderWithItsOptionsUnderIt() {
    CliRunner r = CliRunner.run("train", "--help");
    assertThat(r.status()).isZero();
    List<String> lines = r.out().lines().toList();
    List<String> headings = lines.stream().filter(l -> l.matches("[A-Z][^ ].*:")).toList();
    assertThat(headings).containsExactlyElementsOf(TRAIN_TOPICS);
    assertUnder(lines, "--data=SOURCE", "Data:");
    assertUnder(lines, "--hidden=", "Network:");
    assertUnder(lines, "--seed=N", "Seed, threads and conventions:");
    assertUnder(lines, "--schedule=NAME", "Optimizer, regularisation and schedule:");
    assertUnder(lines, "--epochs=N", "Training loop:");
    assertUnder(lines, "--dashboard-port=N", "Watching:");
    assertUnder(lines, "--out=DIR", "Options:");
    assertUnder(lines, "--help", "Help:");
    // every option once
    assertThat(lines.stream().filter(l -> l.trim().startsWith("--lr=")).count()).isEqualTo(1);
  }

  @Test
  void tuneShowsTheSearchTopic() {
    CliRunner r = CliRunner.run("tune", "--help");
    assertThat(r.status()).isZero();
    List<String> lines = r.out().lines().toList();
    assertUnder(lines, "--trials=N", "Search:");
    assertUnder(lines, "--tpe-gamma=", "Search:");
    assertUnder(lines, "--lr=", "Optimizer, regularisation and schedule:");
  }

  @Test
  void aCommandWithOptionsOfItsOwnOnlyKeepsOnePlainList() {
    CliRunner r = CliRunner.run("predict", "--help");
    assertThat(r.status()).isZero();
    assertThat(r.out()).doesNotContain("Options:").doesNotContain("Help:").contains("--model=FILE");
  }

  /** The line of {@code option} comes after {@code heading} and before the next heading. */
  private static void assertUnder(List<String> lines, String option, String heading) {
    int at = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).trim().startsWith(option) || lines.get(i).contains(", " + option)) {
        at = i;
        break;
      }
    }
    assertThat(at).as(option).isNotNegative();
    String under = null;
    for (int i = at; i >= 0 && under == null; i--) {
      if (lines.get(i).matches("[A-Z][^ ].*:")) {
        under = lines.get(i);
      }
    }
    assertThat(under).as(option).isEqualTo(heading);
  }
}

package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tune --sampler grid: without --trials every point of the grid once, in order; with --trials no
 * more than the grid; a space the grid cannot take refused in one line naming --sampler, exit
 * status 2, nothing written.
 */
class TuneGridTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private static CliRunner tune(Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "tune",
                "--sampler",
                "grid",
                "--epochs",
                "1",
                "--hidden",
                "8",
                "--no-progress",
                "--out",
                out.toString()));
    args.addAll(List.of(more));
    return CliRunner.run(args.toArray(String[]::new));
  }

  /** The journal's trials' values, in trial order, as "lr/batch-size". */
  private static List<String> points(Path dir) throws IOException {
    List<String> points = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("journal.jsonl"))) {
      JsonNode n = JSON.readTree(line);
      if ("trial".equals(n.path("type").asText())) {
        assertThat(n.get("trial").asInt()).isEqualTo(points.size());
        points.add(n.get("params").get("lr").asText() + "/" + n.get("params").get("batch-size"));
      }
    }
    return points;
  }

  @Test
  void everyPointOnceInOrderThenTheSearchEnds() throws IOException {
    Path all = tmp.resolve("all");
    CliRunner r = tune(all, "--space", "lr=choice(0.1,0.01)", "--space", "batch-size=int(50,61)");
    assertThat(r.status()).as(r.err()).isZero();
    // more points than --trials' default of 20: without --trials, every one
    assertThat(r.out()).contains("with grid").contains("over 24 trials");
    List<String> expected = new ArrayList<>();
    for (String lr : List.of("0.1", "0.01")) {
      for (int b = 50; b <= 61; b++) {
        expected.add(lr + "/" + b);
      }
    }
    assertThat(points(all)).isEqualTo(expected);

    Path more = tmp.resolve("more");
    r = tune(more, "--space", "lr=choice(0.1,0.01)", "--trials", "40");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("over 2 trials");
  }

  @Test
  void aResumedGridSearchVisitsTheRestOfTheGrid() throws IOException {
    Path dir = tmp.resolve("resumed");
    String[] space = {"--space", "lr=choice(0.1,0.01)", "--space", "batch-size=int(50,52)"};
    assertThat(tune(dir, with(space, "--trials", "2")).status()).isZero();
    assertThat(points(dir)).containsExactly("0.1/50", "0.1/51");
    List<String> args =
        new ArrayList<>(
            List.of("tune", "--epochs", "1", "--hidden", "8", "--no-progress", "--resume"));
    args.add(dir.toString());
    args.addAll(List.of(space));
    CliRunner r = CliRunner.run(args.toArray(String[]::new));
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("with grid").contains("over 6 trials");
    assertThat(points(dir))
        .containsExactly("0.1/50", "0.1/51", "0.1/52", "0.01/50", "0.01/51", "0.01/52");
  }

  private static String[] with(String[] base, String... more) {
    List<String> all = new ArrayList<>(List.of(base));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @Test
  void aSpaceTheGridCannotTakeIsRefusedWithNothingWritten() {
    Path out = tmp.resolve("refused");
    CliRunner r = tune(out, "--space", "lr=log(1e-3,1)");
    assertThat(r.status()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
    assertThat(r.err()).contains("--sampler grid").contains("lr=log(1e-3,1)");
    assertThat(out).doesNotExist();
    r = tune(out, "--space", "lr=choice(0.1)", "--tpe-lag", "2");
    assertThat(r.status()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("--sampler");
    assertThat(out).doesNotExist();
  }
}

package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.report.FigureException;
import dev.gakushu.train.FigureFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A figure that cannot be drawn never fails a run: train, tune and runs compare finish, write
 * everything else, print one warning line per figure and exit 0.
 */
class FiguresNeverFailTest {
  /** Fails as drawing fails on a machine where no font can be used. */
  private static final FigureFiles BROKEN =
      new FigureFiles(
          (figure, file) -> {
            throw new FigureException("no font can be drawn", new IllegalStateException());
          });

  @TempDir Path tmp;

  private static CliRunner run(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Gakushu.execute(command, new PrintWriter(out), new PrintWriter(err), args);
    return new CliRunner(status, out.toString(), err.toString());
  }

  @Test
  void trainWritesEverythingButTheCurves() {
    Path out = tmp.resolve("run");
    CliRunner r =
        run(new TrainCommand(BROKEN), "--epochs", "1", "--hidden", "20", "--out", out.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.err().strip().lines())
        .containsExactly("warning: curves.png not written: no font can be drawn");
    assertThat(r.out()).contains("test accuracy").contains("run directory: " + out);
    for (String file :
        new String[] {
          "config.json", "metrics.jsonl", "model.safetensors", "summary.json", "report.html"
        }) {
      assertThat(out.resolve(file)).isNotEmptyFile();
    }
    assertThat(out.resolve("curves.png")).doesNotExist();
    assertThat(out.resolve("report.html"))
        .content()
        .contains("Test accuracy")
        .doesNotContain("<img");
  }

  @Test
  void tuneWritesItsResultsWithoutItsFigures() {
    Path out = tmp.resolve("search");
    CliRunner r =
        run(
            new TuneCommand(BROKEN),
            "--epochs",
            "1",
            "--hidden",
            "20",
            "--trials",
            "2",
            "--space",
            "lr=log(1e-3,1e-1)",
            "--out",
            out.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.err().strip().lines())
        .containsExactly(
            "warning: best.png not written: no font can be drawn",
            "warning: scatter.png not written: no font can be drawn",
            "warning: parallel.png not written: no font can be drawn",
            "warning: importance.png not written: no font can be drawn");
    assertThat(out.resolve("results.json")).isNotEmptyFile();
    assertThat(out.resolve("report.html")).content().contains("Best validation accuracy");
    assertThat(out.resolve("best.png")).doesNotExist();
    assertThat(out.resolve("scatter.png")).doesNotExist();
    assertThat(out.resolve("parallel.png")).doesNotExist();
  }

  @Test
  void runsCompareShowsTheComparisonWithoutItsChart() {
    for (String name : new String[] {"a", "b"}) {
      CliRunner made =
          CliRunner.run(
              "train",
              "--epochs",
              "1",
              "--hidden",
              "20",
              "--lr",
              name.equals("a") ? "0.001" : "0.01",
              "--out",
              tmp.resolve(name).toString());
      assertThat(made.status()).as(made.err()).isZero();
    }
    Path chart = tmp.resolve("compare.png");
    CliRunner r =
        run(
            new RunsCompareCommand(BROKEN),
            tmp.resolve("a").toString(),
            tmp.resolve("b").toString(),
            "--chart",
            chart.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.err().strip().lines())
        .containsExactly("warning: compare.png not written: no font can be drawn");
    assertThat(r.out()).contains("settings that differ:").contains("optimizer.lr");
    assertThat(chart).doesNotExist();
  }
}

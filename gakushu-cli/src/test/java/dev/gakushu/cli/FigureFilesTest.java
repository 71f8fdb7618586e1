package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.report.FigureException;
import dev.gakushu.train.RunDirectory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FigureFilesTest {

  @Test
  void aFigureThatCannotBeDrawnIsOneWarningLineAndNoFile(@TempDir Path dir) {
    RunDirectory run = RunDirectory.createAt(dir.resolve("run"));
    StringWriter err = new StringWriter();
    boolean written =
        FigureFiles.write(
            run,
            "curves.png",
            () -> {
              throw new FigureException("no font can be drawn", new IllegalStateException());
            },
            new PrintWriter(err));
    assertThat(written).isFalse();
    assertThat(err.toString()).isEqualTo("warning: curves.png not written: no font can be drawn\n");
    assertThat(run.path().resolve("curves.png")).doesNotExist();
  }

  @Test
  void aFigureThatIsDrawnIsWritten(@TempDir Path dir) throws Exception {
    RunDirectory run = RunDirectory.createAt(dir.resolve("run"));
    StringWriter err = new StringWriter();
    assertThat(FigureFiles.write(run, "a.png", () -> new byte[] {1, 2}, new PrintWriter(err)))
        .isTrue();
    assertThat(Files.readAllBytes(run.path().resolve("a.png"))).containsExactly(1, 2);
    assertThat(err.toString()).isEmpty();
  }
}

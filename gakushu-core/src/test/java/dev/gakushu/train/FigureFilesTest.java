package dev.gakushu.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.report.Figure;
import dev.gakushu.report.FigureException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FigureFilesTest {
  private static final Figure BLANK = Figure.drawn(10, 10, (g, w, h) -> {});

  @Test
  void aFigureThatCannotBeDrawnIsOneWarningAndNoFile(@TempDir Path dir) {
    FigureFiles broken =
        new FigureFiles(
            (figure, file) -> {
              throw new FigureException("no font can be drawn", new IllegalStateException());
            });
    List<String> warnings = new ArrayList<>();
    try (RunDirectory run = RunDirectory.createAt(dir.resolve("run"))) {
      assertThat(broken.write(run, "curves.png", () -> BLANK, warnings::add)).isFalse();
      assertThat(run.path().resolve("curves.png")).doesNotExist();
    }
    assertThat(warnings).containsExactly("curves.png not written: no font can be drawn");
  }

  @Test
  void aFigureThatIsDrawnIsWrittenAsItsFileNameSays(@TempDir Path dir) throws Exception {
    List<String> warnings = new ArrayList<>();
    try (RunDirectory run = RunDirectory.createAt(dir.resolve("run"))) {
      assertThat(FigureFiles.STANDARD.write(run, "a.svg", () -> BLANK, warnings::add)).isTrue();
      assertThat(Files.readString(run.path().resolve("a.svg"))).contains("<svg");
      assertThat(
              new FigureFiles((figure, file) -> new byte[] {1, 2})
                  .write(run, "b.png", () -> BLANK, warnings::add))
          .isTrue();
      assertThat(Files.readAllBytes(run.path().resolve("b.png"))).containsExactly(1, 2);
    }
    assertThat(warnings).isEmpty();
  }
}

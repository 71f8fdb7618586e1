package dev.gakushu.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Draws a training-curves figure to the PNG file named by its argument; run by FontsTest. */
public final class DrawWithoutFonts {
  private DrawWithoutFonts() {}

  public static void main(String[] args) throws Exception {
    Figure figure =
        TrainingCurves.of(
            "Training",
            List.of(new double[] {1, 2.0, 2.1, 0.3, 0.28}, new double[] {2, 1.0, 1.2, 0.7, 0.65}));
    Files.write(Path.of(args[0]), figure.png());
  }
}

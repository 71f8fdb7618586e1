package dev.gakushu.cli;

import dev.gakushu.report.FigureException;
import dev.gakushu.train.RunDirectory;
import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * Writes a figure into a run directory without ever failing the run: when the figure cannot be
 * drawn, it prints one warning line and the run goes on to write everything else.
 */
final class FigureFiles {
  private FigureFiles() {}

  /**
   * @param drawing draws the file's bytes (e.g. {@code figure::png})
   * @return whether the file was written
   */
  static boolean write(RunDirectory run, String file, Supplier<byte[]> drawing, PrintWriter err) {
    byte[] bytes;
    try {
      bytes = drawing.get();
    } catch (FigureException e) {
      err.println("warning: " + file + " not written: " + e.getMessage());
      err.flush();
      return false;
    }
    run.write(file, bytes);
    return true;
  }
}

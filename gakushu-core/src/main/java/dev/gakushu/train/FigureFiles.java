package dev.gakushu.train;

import dev.gakushu.report.Figure;
import dev.gakushu.report.FigureException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Draws figures into files without ever failing a run: a figure that cannot be drawn (no font at
 * all, a broken graphics stack) is one warning, and the run goes on to write everything else. This
 * is the one place of that rule, for the library's runs and the command line's.
 */
public final class FigureFiles {
  /** Draws a figure as the bytes of a file; may throw {@link FigureException}. */
  @FunctionalInterface
  public interface Drawing {
    byte[] draw(Figure figure, String file);
  }

  /** Draws with the figure itself: SVG for a file whose name ends in {@code .svg}, else PNG. */
  public static final FigureFiles STANDARD =
      new FigureFiles((figure, file) -> file.endsWith(".svg") ? figure.svg() : figure.png());

  private final Drawing drawing;

  public FigureFiles(Drawing drawing) {
    this.drawing = drawing;
  }

  /**
   * The bytes of {@code file}, or empty after telling {@code warnings} why it cannot be drawn
   * ("curves.png not written: no font can be drawn").
   *
   * @param figure makes the figure; called here, so that a failure to lay it out is caught too
   */
  public Optional<byte[]> draw(String file, Supplier<Figure> figure, Consumer<String> warnings) {
    try {
      return Optional.of(drawing.draw(figure.get(), file));
    } catch (FigureException e) {
      warnings.accept(file + " not written: " + e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Writes {@code figure} as {@code file} of {@code run}, or tells {@code warnings} why not.
   *
   * @return whether the file was written
   */
  public boolean write(
      RunDirectory run, String file, Supplier<Figure> figure, Consumer<String> warnings) {
    Optional<byte[]> bytes = draw(file, figure, warnings);
    bytes.ifPresent(b -> run.write(file, b));
    return bytes.isPresent();
  }
}

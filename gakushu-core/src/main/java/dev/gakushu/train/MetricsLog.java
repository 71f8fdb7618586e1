package dev.gakushu.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.BadInputException;
import dev.gakushu.run.EpochMetrics;
import dev.gakushu.run.MetricsFile;
import dev.gakushu.run.RunFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes each epoch's line of {@code metrics.jsonl} ({@link MetricsFile}) and reads them back for a
 * resumed run.
 */
public final class MetricsLog implements TrainListener {
  public static final String FILE = RunFile.METRICS;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final RunDirectory run;

  public MetricsLog(RunDirectory run) {
    this.run = run;
  }

  @Override
  public void onEpochEnd(EpochMetrics m) {
    run.appendJsonLine(FILE, MetricsFile.line(m));
  }

  /**
   * The epochs logged in {@code run}'s metrics.jsonl, in order (null figures read back as NaN).
   *
   * @throws BadInputException naming the file and line when a line is not a complete epoch
   */
  public static List<EpochMetrics> read(RunDirectory run) {
    return readFirst(run, Integer.MAX_VALUE);
  }

  /**
   * The first {@code epochs} epochs logged in {@code run}'s metrics.jsonl (fewer if it holds fewer
   * lines), as {@link #read}; the lines after them, a torn last one included, are not read.
   */
  public static List<EpochMetrics> readFirst(RunDirectory run, int epochs) {
    Path file = run.path().resolve(FILE);
    List<EpochMetrics> read = new ArrayList<>();
    List<String> lines;
    try {
      lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    for (int i = 0; i < Math.min(lines.size(), epochs); i++) {
      try {
        read.add(MetricsFile.parse(JSON.readTree(lines.get(i))));
      } catch (IOException | RuntimeException e) {
        throw new BadInputException(
            file
                + " line "
                + (i + 1)
                + ": not an epoch's metrics; expected a line written by train");
      }
    }
    return read;
  }
}

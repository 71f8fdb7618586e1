package dev.gakushu.run;

import java.nio.file.Files;
import java.nio.file.Path;

/** What a run directory holds, known by the file that only that kind writes. */
public enum RunKind {
  /** A train run: {@link RunFile#CONFIG} without {@link RunFile#FINDINGS}. */
  TRAIN("train"),
  /** A search of tune: {@link RunFile#JOURNAL}. */
  SEARCH("search"),
  /** An experiment: {@link RunFile#FINDINGS}. */
  EXPERIMENT("experiment");

  private final String label;

  RunKind(String label) {
    this.label = label;
  }

  /** How {@code gakushu runs} names the kind. */
  public String label() {
    return label;
  }

  /** The kind of run in {@code dir}, or null when it holds none. */
  public static RunKind of(Path dir) {
    if (Files.isRegularFile(dir.resolve(RunFile.JOURNAL))) {
      return SEARCH;
    }
    if (Files.isRegularFile(dir.resolve(RunFile.FINDINGS))) {
      return EXPERIMENT;
    }
    if (Files.isRegularFile(dir.resolve(RunFile.CONFIG))) {
      return TRAIN;
    }
    return null;
  }
}

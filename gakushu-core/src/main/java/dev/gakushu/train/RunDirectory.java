package dev.gakushu.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gakushu.BadInputException;
import dev.gakushu.files.AtomicFile;
import dev.gakushu.run.LayersFile;
import dev.gakushu.run.RunFile;
import dev.gakushu.run.StatusFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The folder a run writes into, owned by one process: it is created atomically and claimed with a
 * {@link RunLock} ({@code run.lock}, the owner's PID and host) until {@link #close()}, so a second
 * process given the same folder is refused, naming the owner. Whole files (config, summary) are
 * written to a uniquely named temporary file and renamed into place, so a killed process never
 * leaves half a file; line files (metrics.jsonl) get each line appended whole and flushed.
 */
public final class RunDirectory implements AutoCloseable {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private final Path path;
  private final RunLock lock;

  private RunDirectory(Path path, RunLock lock) {
    this.path = path;
    this.lock = lock;
  }

  /**
   * A new folder {@code <parent>/<timestamp>-<name>}, with a numeric suffix if that name is taken.
   */
  public static RunDirectory createUnder(Path parent, String name) {
    String base = LocalDateTime.now(ZoneId.systemDefault()).format(STAMP) + "-" + name;
    try {
      Files.createDirectories(parent);
      for (int attempt = 1; ; attempt++) {
        Path candidate = parent.resolve(attempt == 1 ? base : base + "-" + attempt);
        try {
          Path created = Files.createDirectory(candidate);
          return new RunDirectory(created, RunLock.acquire(created, true));
        } catch (FileAlreadyExistsException taken) {
          // try the next suffix
        }
      }
    } catch (IOException e) {
      throw new BadInputException(
          "cannot create a run directory under " + parent + ": " + e.getMessage(), e);
    }
  }

  /**
   * Exactly {@code dir}, which must not exist yet or be an empty folder, so no earlier run's files
   * are ever overwritten.
   */
  public static RunDirectory createAt(Path dir) {
    try {
      Path parent = dir.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException existing) {
      // a file, a folder in use or not empty is refused here; an empty one (perhaps made by
      // another process a moment ago) is claimed, and the lock below decides
      requireUsable(dir);
    } catch (IOException e) {
      throw new BadInputException(
          "cannot create the run directory " + dir + ": " + e.getMessage(), e);
    }
    return new RunDirectory(dir, RunLock.acquire(dir, true));
  }

  /**
   * An existing run directory, e.g. one to resume, claimed for this process; the temporary files a
   * killed writer left in it are deleted once it is claimed.
   */
  public static RunDirectory existing(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new BadInputException(dir + " is not a run directory");
    }
    RunDirectory claimed = new RunDirectory(dir, RunLock.acquire(dir, false));
    try {
      AtomicFile.removeLeftovers(dir);
    } catch (IOException e) {
      claimed.close();
      throw new UncheckedIOException("cannot clean up the temporary files in " + dir, e);
    }
    return claimed;
  }

  /**
   * Keeps the lines of {@link RunFile#LAYERS} up to optimizer step {@code step} and drops the rest
   * ({@link LayersFile#linesUpToStep}), when the run has that file: a run resumed at that step
   * writes them again.
   */
  public void keepLayersUpToStep(long step) {
    Path file = path.resolve(RunFile.LAYERS);
    if (!Files.exists(file)) {
      return;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    keepJsonLines(RunFile.LAYERS, LayersFile.linesUpToStep(lines, step));
  }

  /**
   * Keeps the first {@code lines} complete lines of a line file and drops the rest (the lines a
   * resumed run will write again), atomically.
   */
  public void keepJsonLines(String fileName, int lines) {
    Path file = path.resolve(fileName);
    try {
      List<String> kept = new ArrayList<>();
      if (Files.exists(file)) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int start = 0;
        while (kept.size() < lines) {
          int end = text.indexOf('\n', start);
          if (end < 0) {
            break;
          }
          kept.add(text.substring(start, end));
          start = end + 1;
        }
      }
      StringBuilder out = new StringBuilder();
      kept.forEach(line -> out.append(line).append('\n'));
      writeAtomically(fileName, out.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite " + file, e);
    }
  }

  /** Checks, without creating anything, that {@link #createAt} would accept {@code dir}. */
  public static void requireUsable(Path dir) {
    if (Files.isRegularFile(dir)) {
      throw new BadInputException(
          "run directory " + dir + " is a file; expected a new or empty folder");
    }
    if (Files.isDirectory(dir)) {
      if (RunLock.isHeld(dir)) {
        throw RunLock.taken(dir, dir.resolve(RunLock.FILE));
      }
      try (var entries = Files.list(dir)) {
        if (entries.anyMatch(f -> !RunLock.isClaim(f))) {
          throw new BadInputException(
              "run directory "
                  + dir
                  + " is a folder that is not empty; expected a new or empty folder");
        }
      } catch (IOException e) {
        throw new BadInputException(
            "cannot read the run directory " + dir + ": " + e.getMessage(), e);
      }
    }
  }

  public Path path() {
    return path;
  }

  /** Gives up the claim on the folder ({@code run.lock} is removed). */
  @Override
  public void close() {
    lock.close();
  }

  /**
   * Writes {@link RunFile#STATUS}: {@code status} now, by this process ({@link StatusFile}).
   *
   * @param message what stopped the run, or null
   */
  public void writeStatus(StatusFile.Written status, String message) {
    writeJson(RunFile.STATUS, StatusFile.toJson(StatusFile.Status.now(status, message)));
  }

  /** Writes {@code value} as indented JSON to {@code fileName}, atomically. */
  public void writeJson(String fileName, Object value) {
    try {
      writeAtomically(fileName, JSON.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path.resolve(fileName), e);
    }
  }

  /** Writes {@code bytes} to {@code fileName}, atomically. */
  public void write(String fileName, byte[] bytes) {
    try {
      writeAtomically(fileName, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path.resolve(fileName), e);
    }
  }

  /** Appends one line of compact JSON to {@code fileName} and flushes it to the file. */
  public void appendJsonLine(String fileName, Object value) {
    try (BufferedWriter out =
        Files.newBufferedWriter(
            path.resolve(fileName),
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND,
            StandardOpenOption.WRITE)) {
      out.write(
          JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + path.resolve(fileName), e);
    }
  }

  private void writeAtomically(String fileName, byte[] bytes) throws IOException {
    AtomicFile.write(path.resolve(fileName), bytes);
  }
}

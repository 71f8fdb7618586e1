package dev.gakushu.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.gakushu.BadInputException;
import dev.gakushu.observe.LineFollower;
import dev.gakushu.observe.RunFiles;
import dev.gakushu.observe.RunInfo;
import dev.gakushu.observe.RunStatus;
import dev.gakushu.run.RunFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The only way the dashboard reaches files: the runs under one folder, found and read without
 * following a symbolic link.
 *
 * <p>A run is a folder below the root's real path, reached through folders that are not links,
 * whose run files ({@link #RUN_FILES}) are each absent or a regular file; a run holding a link or a
 * device among them is left out (one log line) and its id names nothing. Files are opened with
 * {@code NOFOLLOW_LINKS}, so the real path of every file read lies under the root's real path.
 * {@link RunInfo} of a run is read again only when one of its files changed size or time.
 */
final class RunsFolder {
  /** Every file of a run or search the dashboard reads. */
  static final List<String> RUN_FILES =
      List.of(
          RunInfo.CONFIG,
          RunInfo.JOURNAL,
          RunFile.METRICS,
          RunFile.LAYERS,
          RunStatus.FILE,
          RunFile.SUMMARY,
          RunFile.RESULTS);

  private final Path root;
  private final Consumer<String> log;
  private final Set<Path> refused = ConcurrentHashMap.newKeySet();
  private final Map<Path, Known> known = new ConcurrentHashMap<>();

  /** A run as read, and the sizes and times of its files then. */
  private record Known(List<Object> stamp, RunInfo info) {}

  private RunsFolder(Path root, Consumer<String> log) {
    this.root = root;
    this.log = log;
  }

  /**
   * The runs under {@code folder}.
   *
   * @throws BadInputException when it is not a folder
   */
  static RunsFolder open(Path folder, Consumer<String> log) {
    try {
      Path real = folder.toRealPath();
      if (Files.isDirectory(real)) {
        return new RunsFolder(real, log);
      }
    } catch (IOException e) {
      // not there: said below
    }
    throw new BadInputException(
        "--runs " + folder + " is not a folder; expected the folder runs are written to");
  }

  /** Every run and search, oldest first, as {@code gakushu runs} lists them. */
  List<RunInfo> runs() {
    List<RunInfo> runs = RunInfo.under(root, this::info);
    known.keySet().retainAll(runs.stream().map(RunInfo::dir).toList());
    return runs;
  }

  /** The id of a run folder: its path below the root, with / between names. */
  String id(Path dir) {
    String id = root.relativize(dir).toString().replace('\\', '/');
    return id.isEmpty() ? "." : id;
  }

  /** The run folder an id names. */
  Path run(String id) throws NotFound {
    try {
      Path dir = root.resolve(id).normalize();
      if (dir.startsWith(root)
          && root.relativize(dir).getNameCount() <= RunInfo.MAX_DEPTH
          && dir.toRealPath().equals(dir)
          && RunInfo.isRun(dir)
          && safe(dir)) {
        return dir;
      }
    } catch (IOException | InvalidPathException e) {
      // no such folder
    }
    throw new NotFound("no run " + id);
  }

  /** A JSON file of a run, or null when it is absent or not a regular file. */
  static JsonNode object(Path dir, String name) {
    JsonNode node = RunFiles.object(dir.resolve(name));
    return node.isMissingNode() ? NullNode.getInstance() : node;
  }

  /** The lines of a run's line file from {@code offset}. */
  LineFollower lines(Path dir, String name, long offset) {
    return new LineFollower(dir.resolve(name), offset, log);
  }

  /** The run in {@code dir}, read again only when its files changed; null when not safe. */
  RunInfo info(Path dir) {
    if (!safe(dir)) {
      return null;
    }
    List<Object> stamp = stamp(dir);
    Known k = known.get(dir);
    if (k == null || !k.stamp().equals(stamp)) {
      k = new Known(stamp, RunInfo.read(dir));
      known.put(dir, k);
    }
    // a running run's process may have gone without a file changing
    RunStatus.State status = RunStatus.read(dir);
    return status == null ? k.info() : k.info().withStatus(status);
  }

  /** Whether every run file in {@code dir} is absent or a regular file (not a link). */
  private boolean safe(Path dir) {
    for (String name : RUN_FILES) {
      BasicFileAttributes a = attributes(dir.resolve(name));
      if (a != null && !a.isRegularFile()) {
        if (refused.add(dir)) {
          log.accept(
              "not serving "
                  + dir
                  + ": its "
                  + name
                  + " is "
                  + (a.isSymbolicLink() ? "a symbolic link" : "not a regular file"));
        }
        return false;
      }
    }
    return true;
  }

  private static List<Object> stamp(Path dir) {
    List<Object> stamp = new ArrayList<>();
    for (String name : RUN_FILES) {
      BasicFileAttributes a = attributes(dir.resolve(name));
      stamp.add(a == null ? List.of() : List.of(a.size(), a.lastModifiedTime()));
    }
    return stamp;
  }

  private static BasicFileAttributes attributes(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return null; // absent
    }
  }

  /** An id that names no run under the root. */
  static final class NotFound extends IOException {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(message);
    }
  }
}

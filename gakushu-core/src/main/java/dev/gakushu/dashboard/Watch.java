package dev.gakushu.dashboard;

import dev.gakushu.observe.LineFollower;
import dev.gakushu.observe.RunInfo;
import dev.gakushu.run.RunFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * One run followed for every stream that shows it: at each tick its line files are read once and
 * their new lines, and its status when it changes, are queued to each stream that has not had them;
 * for a search, so is its hyperparameters' importance ({@code event: importance}, see {@link
 * LiveImportance}) whenever trials finished. Used by the poller's thread only.
 */
final class Watch {
  /** The line files followed, by event name. */
  static final List<String> FOLLOWED = List.of("metrics", "layers", "journal");

  private static final String JOURNAL = "journal";

  /** The file of each followed event name. */
  private static final Map<String, String> FILES =
      Map.of("metrics", RunFile.METRICS, "layers", RunFile.LAYERS, JOURNAL, RunFile.JOURNAL);

  private final RunsFolder folder;
  private final Path dir;
  private final Map<String, LineFollower> files = new LinkedHashMap<>();
  private final List<EventStream> streams = new ArrayList<>();
  private final LiveImportance importance;
  private final ExecutorService worker;
  private String status;

  /**
   * Follows {@code dir} from the offsets of its first stream, and a search's journal from its start
   * (its importance needs every trial).
   *
   * @param worker computes the importance
   */
  Watch(RunsFolder folder, EventStream first, ExecutorService worker, Consumer<String> log) {
    this.folder = folder;
    this.dir = first.dir;
    this.worker = worker;
    this.importance = new LiveImportance(dir.resolve(RunInfo.JOURNAL).toString(), log);
    for (String name : FOLLOWED) {
      long from = name.equals(JOURNAL) ? 0 : first.positions.getOrDefault(name, 0L);
      files.put(name, folder.lines(dir, file(name), from));
    }
  }

  /** The file of the followed event {@code name}. */
  static String file(String name) {
    return FILES.get(name);
  }

  /** Adds a stream: the lines it lacks up to this watch's offsets, and the status. */
  void add(EventStream s) throws IOException {
    streams.add(s);
    for (Map.Entry<String, LineFollower> f : files.entrySet()) {
      String name = f.getKey();
      long from = s.positions.getOrDefault(name, 0L);
      long to = f.getValue().offset();
      if (from < to) {
        for (LineFollower.Line line : folder.lines(dir, file(name), from).rest()) {
          if (line.end() <= to) {
            s.send(name, line.json().toString());
          }
        }
        s.positions.put(name, to);
      }
    }
    if (status == null) {
      status = status();
    }
    s.send("status", "\"" + status + "\"");
    String shares = importance.current();
    if (shares != null) {
      s.send("importance", shares);
    }
  }

  /** Reads the files once and queues what is new to each stream. */
  void poll() throws IOException {
    streams.removeIf(EventStream::isClosed);
    for (Map.Entry<String, LineFollower> f : files.entrySet()) {
      String name = f.getKey();
      List<LineFollower.Line> lines = f.getValue().newLines();
      if (name.equals(JOURNAL)) {
        if (f.getValue().rewound()) {
          importance.restart();
        }
        lines.forEach(line -> importance.take(line.json()));
      }
      for (EventStream s : streams) {
        if (f.getValue().rewound()) {
          s.positions.put(name, 0L);
        }
        for (LineFollower.Line line : lines) {
          if (line.start() >= s.positions.getOrDefault(name, 0L)) {
            s.send(name, line.json().toString());
            s.positions.put(name, line.end());
          }
        }
      }
    }
    importance.refresh(worker);
    String shares = importance.fresh();
    if (shares != null) {
      streams.forEach(s -> s.send("importance", shares));
    }
    String now = status();
    if (!now.equals(status)) {
      status = now;
      streams.forEach(s -> s.send("status", "\"" + now + "\""));
    }
  }

  /** Whether no stream shows it any more; then its importance is no longer computed. */
  boolean isEmpty() {
    streams.removeIf(EventStream::isClosed);
    if (streams.isEmpty()) {
      importance.cancel();
    }
    return streams.isEmpty();
  }

  private String status() {
    RunInfo info = folder.info(dir);
    return info == null ? "stopped" : info.status().label();
  }
}

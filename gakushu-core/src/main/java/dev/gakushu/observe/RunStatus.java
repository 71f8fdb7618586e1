package dev.gakushu.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.run.RunFile;
import dev.gakushu.train.RunDirectory;
import dev.gakushu.train.TrainListener;
import dev.gakushu.train.TrainResult;
import dev.gakushu.train.TrainState;
import dev.gakushu.train.TrainingDivergedException;
import dev.gakushu.train.TrainingInterruptedException;
import dev.gakushu.tune.SearchRun;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code status.json} of a run or search: "running" with the process id and host while it works,
 * then "finished", "diverged" (with the message) or "interrupted" (stopped by Ctrl-C or SIGTERM at
 * a checkpoint it resumes from, with where it stopped). A process killed on the way leaves
 * "running" behind; {@link #read} tells that apart from a live run by the process id when the run
 * was started on this host.
 */
public final class RunStatus implements TrainListener, SearchRun.Status {
  public static final String FILE = RunFile.STATUS;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOST = host();
  private final RunDirectory run;

  public RunStatus(RunDirectory run) {
    this.run = run;
  }

  /**
   * What a run's status file says: finished, diverged, running, interrupted (asked to stop, at a
   * checkpoint) or stopped (killed).
   */
  public enum State {
    FINISHED,
    DIVERGED,
    RUNNING,
    INTERRUPTED,
    STOPPED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  @Override
  public void onTrainStart(int epochs, int batchesPerEpoch) {
    running();
  }

  @Override
  public void onTrainEnd(TrainResult result) {
    write("finished", null);
  }

  @Override
  public void onDiverged(TrainingDivergedException diverged) {
    write("diverged", diverged.getMessage());
  }

  @Override
  public void onInterrupted(TrainState state) {
    interrupted(new TrainingInterruptedException(state).getMessage());
  }

  /** Marks the run as stopped on request, resumable; {@code message} says where it stopped. */
  @Override
  public void interrupted(String message) {
    write("interrupted", message);
  }

  /** Marks the run as under way in this process. */
  @Override
  public void running() {
    write("running", null);
  }

  /** Marks the run as finished. */
  @Override
  public void finished() {
    write("finished", null);
  }

  private void write(String status, String message) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("status", status);
    s.put("pid", ProcessHandle.current().pid());
    s.put("host", HOST);
    s.put("time", Instant.now().toString());
    if (message != null) {
      s.put("message", message);
    }
    run.writeJson(FILE, s);
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * The state recorded in {@code dir}, or null without a status file. A "running" run whose process
   * on this host is gone is {@link State#STOPPED}.
   */
  public static State read(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      JsonNode s = JSON.readTree(file.toFile());
      return switch (s.path("status").asText()) {
        case "finished" -> State.FINISHED;
        case "diverged" -> State.DIVERGED;
        case "interrupted" -> State.INTERRUPTED;
        case "running" ->
            s.path("host").asText().equals(HOST) && !alive(s.path("pid").asLong())
                ? State.STOPPED
                : State.RUNNING;
        default -> null;
      };
    } catch (IOException e) {
      return null;
    }
  }
}

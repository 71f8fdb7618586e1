package dev.gakushu.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The codec of {@link RunFile#STATUS}: what a run or search is doing, written by the process that
 * runs it, as one JSON object: status ("running", "finished", "diverged" or "interrupted"), pid,
 * host, time and, for a divergence or an interruption, message.
 */
public final class StatusFile {
  /** This host's name, as status and lock files record it. */
  static final String HOST = host();

  private StatusFile() {}

  /** What a status file can say. */
  public enum Written {
    RUNNING,
    FINISHED,
    DIVERGED,
    INTERRUPTED;

    /** The word the file holds. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One status file.
   *
   * @param pid the process that wrote it
   * @param host the host that process ran on
   * @param time when it was written, as ISO-8601 text
   * @param message what stopped the run, or null
   */
  public record Status(Written status, long pid, String host, String time, String message) {
    /** {@code status} written now, by this process on this host. */
    public static Status now(Written status, String message) {
      return new Status(
          status, ProcessHandle.current().pid(), HOST, Instant.now().toString(), message);
    }

    /** Whether the process that wrote it ran on this host and is gone. */
    public boolean writerGone() {
      return host.equals(HOST) && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
  }

  /** The JSON object of {@code s}, to be written indented. */
  public static Map<String, Object> toJson(Status s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", s.status().word());
    m.put("pid", s.pid());
    m.put("host", s.host());
    m.put("time", s.time());
    if (s.message() != null) {
      m.put("message", s.message());
    }
    return m;
  }

  /** The status a parsed file holds, or null when it holds none this Gakushu knows. */
  public static Status parse(JsonNode n) {
    if (n == null || !n.isObject()) {
      return null;
    }
    String word = n.path("status").asText();
    for (Written w : Written.values()) {
      if (w.word().equals(word)) {
        return new Status(
            w,
            n.path("pid").asLong(),
            n.path("host").asText(),
            n.path("time").asText(),
            n.path("message").isTextual() ? n.get("message").asText() : null);
      }
    }
    return null;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "an unknown host";
    }
  }
}

package dev.gakushu.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The codec of {@link RunFile#LOCK}, the claim of one process on a run directory: one JSON object
 * with the owner's pid and host.
 */
public final class LockFile {
  private LockFile() {}

  /** The process that holds a run directory. */
  public record Owner(long pid, String host) {
    /** This process, on this host. */
    public static Owner thisProcess() {
      return new Owner(ProcessHandle.current().pid(), StatusFile.HOST);
    }
  }

  /** The JSON object of {@code o}. */
  public static Map<String, Object> toJson(Owner o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pid", o.pid());
    m.put("host", o.host());
    return m;
  }

  /** The owner a parsed lock file names, or null when it names none (yet). */
  public static Owner parse(JsonNode n) {
    return n != null && n.path("pid").canConvertToLong()
        ? new Owner(n.get("pid").asLong(), n.path("host").asText())
        : null;
  }
}

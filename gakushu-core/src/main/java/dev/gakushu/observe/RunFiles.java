package dev.gakushu.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the files a run or search writes, tolerating what a live or killed process leaves: a
 * missing file is empty, a torn last line of a line file is skipped.
 */
public final class RunFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunFiles() {}

  /** The complete JSON lines of {@code file}; none when it does not exist. */
  public static List<JsonNode> lines(Path file) {
    List<JsonNode> lines = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return lines;
    }
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int start = 0;
      for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
        try {
          JsonNode n = JSON.readTree(text.substring(start, end));
          if (n != null) {
            lines.add(n);
          }
        } catch (IOException torn) {
          // a line cut by a kill
        }
        start = end + 1;
      }
    } catch (IOException e) {
      return lines;
    }
    return lines;
  }

  /** A JSON file's content, or a missing node when it is absent or unreadable. */
  public static JsonNode object(Path file) {
    try {
      return Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : JSON.missingNode();
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }
}

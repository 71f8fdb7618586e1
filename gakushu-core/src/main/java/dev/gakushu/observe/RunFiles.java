package dev.gakushu.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the files a run or search writes, tolerating what a live or killed process leaves: a
 * missing file is empty, a torn last line of a line file is skipped. Symbolic links are not
 * followed, and what is read is bounded (see {@link LineFollower}).
 */
public final class RunFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunFiles() {}

  /**
   * The complete JSON lines of {@code file}; none when it does not exist or is a symbolic link. A
   * line that is not JSON or longer than {@value LineFollower#MAX_LINE} bytes is skipped.
   */
  public static List<JsonNode> lines(Path file) {
    List<JsonNode> lines = new ArrayList<>();
    try {
      for (LineFollower.Line line : LineFollower.all(file, skipped -> {})) {
        lines.add(line.json());
      }
    } catch (IOException e) {
      return lines;
    }
    return lines;
  }

  /** The largest JSON file read whole, in bytes. */
  public static final long MAX_OBJECT = 16 << 20;

  /**
   * A JSON file's content, or a missing node when it is absent, unreadable, a symbolic link or
   * larger than {@value #MAX_OBJECT} bytes.
   */
  public static JsonNode object(Path file) {
    try {
      BasicFileAttributes a =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!a.isRegularFile() || a.size() > MAX_OBJECT) {
        return JSON.missingNode();
      }
      try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
        JsonNode node = JSON.readTree(in);
        return node == null ? JSON.missingNode() : node;
      }
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }
}

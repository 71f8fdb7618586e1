package dev.gakushu.dashboard;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Answers requests: a body with its length (none for HEAD, whose length is still announced), and
 * refusals, each with one log line naming the request and the reason.
 */
final class Replies {
  private final Consumer<String> log;

  Replies(Consumer<String> log) {
    this.log = log;
  }

  /** Logs one line about {@code e}: its method, path (never the query, which holds the token). */
  void log(HttpExchange e, String what) {
    log.accept(
        e.getRequestMethod() + " " + printable(e.getRequestURI().getRawPath()) + ": " + what);
  }

  /** Answers {@code status} with a one-line text and logs it. */
  void refuse(HttpExchange e, int status, String why) throws IOException {
    log(e, status + " " + why);
    send(e, status, "text/plain; charset=utf-8", (why + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Answers with {@code body}; to HEAD, the same headers and no body (telling the JDK's server a
   * length for HEAD, or writing a body, makes it log warnings).
   */
  static void send(HttpExchange e, int status, String type, byte[] body) throws IOException {
    e.getResponseHeaders().set("Content-Type", type);
    e.getResponseHeaders().set("Cache-Control", "no-store");
    e.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    if (e.getRequestMethod().equals("HEAD")) {
      e.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
      e.sendResponseHeaders(status, -1);
      return;
    }
    e.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    e.getResponseBody().write(body);
  }

  /** {@code s} for a log line: control characters as {@code ?}, at most 200 characters. */
  static String printable(String s) {
    if (s == null) {
      return "(none)";
    }
    StringBuilder b = new StringBuilder();
    s.codePoints()
        .limit(200)
        .forEach(c -> b.appendCodePoint(c < 0x20 || (c >= 0x7f && c < 0xa0) ? '?' : c));
    return s.codePointCount(0, s.length()) > 200 ? b + "…" : b.toString();
  }
}

package dev.gakushu.dashboard;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The parameters of a request's query string, decoded strictly. */
final class Query {
  private final Map<String, String> values;

  private Query(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Decodes {@code raw} (the query as sent, or null).
   *
   * @throws BadRequest for a control character in a name or value
   */
  static Query parse(String raw) throws BadRequest {
    Map<String, String> values = new HashMap<>();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&", -1)) {
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        values.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
      }
    }
    return new Query(values);
  }

  String get(String name) {
    return values.get(name);
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  /** A byte offset: 0 when absent. */
  long offset(String name) throws BadRequest {
    String v = values.get(name);
    if (v == null) {
      return 0;
    }
    if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new BadRequest(name + "=" + v + " is not a byte offset");
    }
    return Long.parseLong(v);
  }

  /** Decodes one name or value; the JDK's server has refused malformed percent-encoding. */
  private static String decode(String s) throws BadRequest {
    String decoded = URLDecoder.decode(s, StandardCharsets.UTF_8);
    if (decoded.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new BadRequest("a control character in " + Replies.printable(s));
    }
    return decoded;
  }

  /** A request the dashboard cannot answer: 400 with the reason. */
  static final class BadRequest extends java.io.IOException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }
}

package dev.gakushu.dashboard;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Lets through only requests for this server, as Jupyter's server does: a {@code Host} of the
 * address it printed ({@code 127.0.0.1:PORT} or {@code localhost:PORT}; anything else, as a page
 * using DNS rebinding sends, gets 403), GET or HEAD (else 405), and for {@code /api/} the server's
 * token, from {@code ?token=}, an {@code Authorization: token …} header or the cookie set when the
 * page was opened with it (else 403). Every refusal is answered and logged once. The token is 256
 * random bits, compared in constant time.
 */
final class RequestGuard extends Filter {
  static final String QUERY = "gakushu.query";
  private static final Set<String> METHODS = Set.of("GET", "HEAD");

  private final Set<String> hosts;
  private final String token;
  private final String cookie;
  private final Replies replies;
  private final Runnable arrived;

  /**
   * @param arrived told on the request's thread that its headers have all been received
   */
  RequestGuard(int port, String token, Replies replies, Runnable arrived) {
    this.hosts = Set.of("127.0.0.1:" + port, "localhost:" + port);
    this.token = token;
    this.cookie = "gakushu-dashboard-" + port;
    this.replies = replies;
    this.arrived = arrived;
  }

  /** A new token: 32 bytes of {@link SecureRandom}, URL-safe base64. */
  static String newToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The query of a request let through. */
  static Query query(HttpExchange e) {
    return (Query) e.getAttribute(QUERY);
  }

  @Override
  public String description() {
    return "Host, method and token check";
  }

  @Override
  public void doFilter(HttpExchange e, Chain chain) throws IOException {
    arrived.run();
    if (admit(e)) {
      chain.doFilter(e);
    } else {
      e.close();
    }
  }

  /** Whether {@code e} may go on; if not, it has been answered and logged. */
  private boolean admit(HttpExchange e) throws IOException {
    List<String> host = e.getRequestHeaders().get("Host");
    if (host == null || host.size() != 1 || !hosts.contains(host.get(0).toLowerCase(Locale.ROOT))) {
      replies.refuse(
          e,
          403,
          "Host "
              + (host == null ? "(none)" : Replies.printable(String.join(", ", host)))
              + " is not one of "
              + String.join(", ", hosts.stream().sorted().toList()));
      return false;
    }
    if (!METHODS.contains(e.getRequestMethod())) {
      e.getResponseHeaders().set("Allow", "GET, HEAD");
      replies.refuse(e, 405, "method " + Replies.printable(e.getRequestMethod()) + " not allowed");
      return false;
    }
    Query query;
    try {
      query = Query.parse(e.getRequestURI().getRawQuery());
    } catch (Query.BadRequest bad) {
      replies.refuse(e, 400, bad.getMessage());
      return false;
    }
    boolean inQuery = matches(query.get("token"));
    if (e.getRequestURI().getRawPath().startsWith("/api/")
        && !inQuery
        && !matches(fromHeader(e))
        && !matches(fromCookie(e))) {
      replies.refuse(e, 403, "no valid token; open the address the dashboard printed");
      return false;
    }
    if (inQuery && !matches(fromCookie(e))) {
      e.getResponseHeaders()
          .add("Set-Cookie", cookie + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
    }
    e.setAttribute(QUERY, query);
    return true;
  }

  private boolean matches(String given) {
    return given != null
        && MessageDigest.isEqual(
            given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }

  private static String fromHeader(HttpExchange e) {
    String h = e.getRequestHeaders().getFirst("Authorization");
    if (h == null) {
      return null;
    }
    String[] parts = h.strip().split("\\s+", 2);
    return parts.length == 2 && parts[0].equalsIgnoreCase("token") ? parts[1] : null;
  }

  private String fromCookie(HttpExchange e) {
    for (String header : e.getRequestHeaders().getOrDefault("Cookie", List.of())) {
      for (String pair : header.split(";", -1)) {
        String p = pair.strip();
        if (p.startsWith(cookie + "=")) {
          return p.substring(cookie.length() + 1);
        }
      }
    }
    return null;
  }
}

package dev.gakushu.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.gakushu.BadInputException;
import dev.gakushu.Range;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A local web page over every run and search under a folder, like {@code tensorboard --logdir}. It
 * reads only the files runs write (config.json, metrics.jsonl, layers.jsonl, status.json,
 * summary.json; journal.jsonl and results.json of a search), so a run elsewhere can be watched
 * through a shared folder. Bound to 127.0.0.1 only; {@link #url} holds a token the API requires.
 *
 * <ul>
 *   <li>{@code /} the page, with its script, style and the vendored uPlot (MIT);
 *   <li>{@code /api/runs} every run and search, as {@code gakushu runs} lists them;
 *   <li>{@code /api/run?id=ID} one run's files, with the byte offsets they were read up to;
 *   <li>{@code /api/events?id=ID&metrics=N&layers=N&journal=N} Server-Sent Events: each line
 *       appended to those files after those offsets ({@code event: metrics}, {@code layers}, {@code
 *       journal}), a search's hyperparameter importance as trials finish ({@code importance}), the
 *       run's status and the list of runs when they change.
 * </ul>
 *
 * <p>Who may ask is checked by {@link RequestGuard}, which files are read by {@link RunsFolder},
 * the streams are fed by one {@link EventHub}, and requests are served by the threads of {@link
 * RequestDeadlines}.
 */
public final class DashboardServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> STATIC =
      Map.of(
          "/", "index.html",
          "/dashboard.js", "dashboard.js",
          "/dashboard.css", "dashboard.css",
          "/uPlot.iife.min.js", "uPlot.iife.min.js",
          "/uPlot.min.css", "uPlot.min.css",
          "/uPlot-LICENSE.txt", "uPlot-LICENSE.txt");

  private final HttpServer server;
  private final RequestDeadlines threads;
  private final RunsFolder folder;
  private final EventHub hub;
  private final Replies replies;
  private final String token;
  private final String httpThreads;

  private DashboardServer(
      HttpServer server,
      String httpThreads,
      RequestDeadlines threads,
      RunsFolder folder,
      Consumer<String> log) {
    this.server = server;
    this.httpThreads = httpThreads;
    this.threads = threads;
    this.folder = folder;
    this.hub = new EventHub(folder, log);
    this.replies = new Replies(log);
    this.token = RequestGuard.newToken();
  }

  /** Like {@link #start(Path, int, Consumer)}, logging to standard error. */
  public static DashboardServer start(Path root, int port) {
    return start(root, port, line -> System.err.println("dashboard: " + line));
  }

  /**
   * Serves {@code root} on 127.0.0.1:{@code port} (0 for a free port).
   *
   * @param log receives one line for each request refused and each file line skipped
   * @throws BadInputException when root is not a folder or the port is taken
   */
  public static DashboardServer start(Path root, int port, Consumer<String> log) {
    return start(root, port, log, RequestDeadlines.SECONDS);
  }

  /**
   * Like {@link #start(Path, int, Consumer)}, giving each connection {@code requestSeconds} to send
   * its request's line and headers (tests pass less than the default's {@value
   * RequestDeadlines#SECONDS} s).
   */
  static DashboardServer start(Path root, int port, Consumer<String> log, long requestSeconds) {
    RunsFolder folder = RunsFolder.open(root, log);
    if (!Range.PORT.holds(port)) {
      throw new BadInputException("port " + port + " is not " + Range.PORT.expected());
    }
    HttpServer server;
    try {
      // 127.0.0.1 itself, whatever the JVM prefers as its loopback address
      InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
      server = HttpServer.create(new InetSocketAddress(loopback, port), 0);
    } catch (BindException e) {
      throw new BadInputException(
          "--port " + port + " is taken on 127.0.0.1; choose another port or 0 for a free one", e);
    } catch (IOException e) {
      throw new BadInputException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
    String http = "gakushu-dashboard-http-" + server.getAddress().getPort();
    RequestDeadlines threads = new RequestDeadlines(http, requestSeconds, log);
    JdkRefusals.relay(http, log);
    DashboardServer dashboard = new DashboardServer(server, http, threads, folder, log);
    RequestGuard guard =
        new RequestGuard(
            server.getAddress().getPort(), dashboard.token, dashboard.replies, threads::arrived);
    dashboard.route("/", guard, dashboard::serveStatic);
    dashboard.route("/api/runs", guard, e -> dashboard.json(e, RunJson.runs(folder)));
    dashboard.route(
        "/api/run",
        guard,
        e -> dashboard.json(e, RunJson.run(folder, RequestGuard.query(e).get("id"))));
    dashboard.route("/api/events", guard, dashboard::events);
    server.setExecutor(threads);
    server.start();
    return dashboard;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The page's address with the token: {@code http://127.0.0.1:PORT/?token=…}. */
  public String url() {
    return "http://127.0.0.1:" + port() + "/?token=" + token;
  }

  @Override
  public void close() {
    hub.close();
    server.stop(0);
    threads.close();
    JdkRefusals.stop(httpThreads);
  }

  private interface Handler {
    void handle(HttpExchange e) throws IOException;
  }

  /**
   * Serves {@code path} behind the guard. A run that is not there is 404 and a bad parameter 400,
   * each with one log line; a handler that fails answers 500 and logs why rather than dropping the
   * connection.
   */
  private void route(String path, RequestGuard guard, Handler handler) {
    HttpHandler guarded =
        e -> {
          try {
            handler.handle(e);
          } catch (RunsFolder.NotFound missing) {
            replies.refuse(e, 404, missing.getMessage());
            e.close();
          } catch (Query.BadRequest bad) {
            replies.refuse(e, 400, bad.getMessage());
            e.close();
          } catch (IOException | RuntimeException failure) {
            try {
              replies.refuse(e, 500, failure.toString());
            } catch (IOException answered) {
              // the answer had begun: the connection is closed below
            }
            e.close();
          }
        };
    HttpContext context = server.createContext(path, guarded);
    context.getFilters().add(guard);
  }

  private void json(HttpExchange e, JsonNode body) throws IOException {
    try (e) {
      Replies.send(e, 200, "application/json", JSON.writeValueAsBytes(body));
    }
  }

  private void serveStatic(HttpExchange e) throws IOException {
    String resource = STATIC.get(e.getRequestURI().getPath());
    if (resource == null) {
      throw new RunsFolder.NotFound("not found");
    }
    try (e;
        InputStream in = DashboardServer.class.getResourceAsStream(resource)) {
      Replies.send(e, 200, contentType(resource), in.readAllBytes());
    }
  }

  private static String contentType(String resource) {
    if (resource.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (resource.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (resource.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    return "text/plain; charset=utf-8";
  }

  /** Starts a stream of a run's new lines and the runs list's changes, in a free slot. */
  private void events(HttpExchange e) throws IOException {
    Query query = RequestGuard.query(e);
    Path dir = query.has("id") ? folder.run(query.get("id")) : null;
    EventStream stream = new EventStream(e, dir, replies);
    for (String name : Watch.FOLLOWED) {
      stream.positions.put(name, query.offset(name));
    }
    e.getResponseHeaders().set("Content-Type", "text/event-stream");
    e.getResponseHeaders().set("Cache-Control", "no-store");
    if (e.getRequestMethod().equals("HEAD")) {
      e.sendResponseHeaders(200, -1);
      e.close();
      return;
    }
    if (!hub.reserve()) {
      e.getResponseHeaders().set("Retry-After", "5");
      replies.refuse(e, 503, EventHub.MAX_STREAMS + " event streams are open already");
      e.close();
      return;
    }
    try {
      e.sendResponseHeaders(200, 0);
    } catch (IOException | RuntimeException gone) {
      hub.release();
      throw gone;
    }
    hub.start(stream);
  }

  /** The event streams open now. */
  int openStreams() {
    return hub.open();
  }
}

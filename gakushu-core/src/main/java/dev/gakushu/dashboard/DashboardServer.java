package dev.gakushu.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gakushu.BadInputException;
import dev.gakushu.observe.RunInfo;
import dev.gakushu.observe.RunStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local web page over every run and search under a folder, like {@code tensorboard --logdir}. It
 * reads only the files runs write (config.json, metrics.jsonl, layers.jsonl, status.json,
 * summary.json; journal.jsonl and results.json of a search), so a run elsewhere can be watched
 * through a shared folder. Bound to 127.0.0.1 only.
 *
 * <ul>
 *   <li>{@code /} the page, with its script, style and the vendored uPlot (MIT);
 *   <li>{@code /api/runs} every run and search, as {@code gakushu runs} lists them;
 *   <li>{@code /api/run?id=ID} one run's files, with the byte offsets they were read up to;
 *   <li>{@code /api/events?id=ID&metrics=N&layers=N&journal=N} Server-Sent Events: each line
 *       appended to those files after those offsets ({@code event: metrics}, {@code layers}, {@code
 *       journal}), the run's status and the list of runs when they change, polled every {@value
 *       #POLL_MILLIS} ms.
 * </ul>
 */
public final class DashboardServer implements AutoCloseable {
  static final long POLL_MILLIS = 250;

  /** The list of runs walks the whole folder: once a second is enough. */
  private static final int RUNS_EVERY_POLLS = 4;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> STATIC =
      Map.of(
          "/", "index.html",
          "/dashboard.js", "dashboard.js",
          "/dashboard.css", "dashboard.css",
          "/uPlot.iife.min.js", "uPlot.iife.min.js",
          "/uPlot.min.css", "uPlot.min.css",
          "/uPlot-LICENSE.txt", "uPlot-LICENSE.txt");
  private static final List<String> FOLLOWED = List.of("metrics", "layers", "journal");

  private final Path root;
  private final HttpServer server;
  private final ExecutorService threads;
  private volatile boolean open = true;

  private DashboardServer(Path root, HttpServer server, ExecutorService threads) {
    this.root = root;
    this.server = server;
    this.threads = threads;
  }

  /**
   * Serves {@code root} on 127.0.0.1:{@code port} (0 for a free port).
   *
   * @throws BadInputException when root is not a folder or the port is taken
   */
  public static DashboardServer start(Path root, int port) {
    if (!Files.isDirectory(root)) {
      throw new BadInputException(
          "--runs " + root + " is not a folder; expected the folder runs are written to");
    }
    if (port < 0 || port > 65535) {
      throw new BadInputException("--port " + port + " is not a port; expected 0 to 65535");
    }
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (BindException e) {
      throw new BadInputException(
          "--port " + port + " is taken on 127.0.0.1; choose another port or 0 for a free one", e);
    } catch (IOException e) {
      throw new BadInputException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
    ExecutorService threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "gakushu-dashboard");
              t.setDaemon(true);
              return t;
            });
    DashboardServer dashboard =
        new DashboardServer(root.toAbsolutePath().normalize(), server, threads);
    server.createContext("/", dashboard::serveStatic);
    server.createContext("/api/runs", e -> dashboard.respond(e, dashboard::runsJson));
    server.createContext("/api/run", e -> dashboard.respond(e, () -> dashboard.runJson(e)));
    server.createContext("/api/events", dashboard::events);
    server.setExecutor(threads);
    server.start();
    return dashboard;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port() + "/";
  }

  @Override
  public void close() {
    open = false;
    server.stop(0);
    threads.shutdownNow();
  }

  private interface JsonSource {
    JsonNode get() throws IOException;
  }

  private void respond(HttpExchange e, JsonSource source) throws IOException {
    try (e) {
      JsonNode body;
      try {
        body = source.get();
      } catch (NotFound missing) {
        send(e, 404, "text/plain", missing.getMessage().getBytes(StandardCharsets.UTF_8));
        return;
      }
      send(e, 200, "application/json", JSON.writeValueAsBytes(body));
    }
  }

  private void serveStatic(HttpExchange e) throws IOException {
    try (e) {
      String resource = STATIC.get(e.getRequestURI().getPath());
      if (resource == null) {
        send(e, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
        return;
      }
      try (InputStream in = DashboardServer.class.getResourceAsStream(resource)) {
        send(e, 200, contentType(resource), in.readAllBytes());
      }
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

  private static void send(HttpExchange e, int status, String type, byte[] body)
      throws IOException {
    e.getResponseHeaders().set("Content-Type", type);
    e.getResponseHeaders().set("Cache-Control", "no-store");
    e.sendResponseHeaders(status, body.length);
    e.getResponseBody().write(body);
  }

  /** A run id that names no run under the root. */
  private static final class NotFound extends IOException {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(message);
    }
  }

  private ArrayNode runsJson() {
    ArrayNode runs = JSON.createArrayNode();
    for (RunInfo r : RunInfo.under(root)) {
      ObjectNode o = runs.addObject();
      o.put("id", id(r.dir()));
      o.put("kind", r.kind());
      o.put("time", r.time().toString());
      o.put("command", r.command());
      o.put("data", r.data());
      o.put("network", r.network());
      o.put("optimizer", r.optimizer());
      o.put("epochs", r.epochs());
      putNumber(o, "best_validation", r.bestValidation());
      putNumber(o, "test_accuracy", r.testAccuracy());
      o.put("status", r.status().label());
    }
    return runs;
  }

  private static void putNumber(ObjectNode o, String name, double value) {
    if (Double.isNaN(value)) {
      o.putNull(name);
    } else {
      o.put(name, value);
    }
  }

  private String id(Path dir) {
    String id = root.relativize(dir.toAbsolutePath().normalize()).toString().replace('\\', '/');
    return id.isEmpty() ? "." : id;
  }

  /** The run folder an id names; only folders under the root that hold a run or search. */
  private Path runDir(String id) throws NotFound {
    if (id == null) {
      throw new NotFound("no id");
    }
    Path dir = root.resolve(id).normalize();
    if (!dir.startsWith(root) || !RunInfo.isRun(dir)) {
      throw new NotFound("no run " + id);
    }
    return dir;
  }

  private ObjectNode runJson(HttpExchange e) throws IOException {
    Map<String, String> query = query(e);
    Path dir = runDir(query.get("id"));
    RunInfo info = RunInfo.read(dir);
    ObjectNode run = JSON.createObjectNode();
    run.put("id", id(dir));
    run.put("kind", info.kind());
    run.put("status", info.status().label());
    run.set("config", readObject(dir.resolve(RunInfo.CONFIG)));
    run.set("summary", readObject(dir.resolve("summary.json")));
    run.set("results", readObject(dir.resolve("results.json")));
    ObjectNode offsets = run.putObject("offsets");
    for (String name : FOLLOWED) {
      LineFollower lines = new LineFollower(dir.resolve(name + ".jsonl"), 0);
      ArrayNode array = run.putArray(name);
      for (String line : lines.newLines()) {
        array.add(JSON.readTree(line));
      }
      offsets.put(name, lines.offset());
    }
    return run;
  }

  private static JsonNode readObject(Path file) {
    try {
      return Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : JSON.nullNode();
    } catch (IOException e) {
      return JSON.nullNode();
    }
  }

  /** Streams a run's new lines and the runs list's changes until the page goes away. */
  private void events(HttpExchange e) throws IOException {
    try (e) {
      Map<String, String> query = query(e);
      Path dir = null;
      if (query.containsKey("id")) {
        try {
          dir = runDir(query.get("id"));
        } catch (NotFound missing) {
          send(e, 404, "text/plain", missing.getMessage().getBytes(StandardCharsets.UTF_8));
          return;
        }
      }
      Map<String, LineFollower> followers = new LinkedHashMap<>();
      for (String name : FOLLOWED) {
        if (dir != null) {
          followers.put(
              name, new LineFollower(dir.resolve(name + ".jsonl"), offset(query.get(name))));
        }
      }
      e.getResponseHeaders().set("Content-Type", "text/event-stream");
      e.getResponseHeaders().set("Cache-Control", "no-store");
      e.sendResponseHeaders(200, 0);
      OutputStream out = e.getResponseBody();
      String lastRuns = null;
      String lastStatus = null;
      long lastPing = System.nanoTime();
      for (long poll = 0; open; poll++) {
        StringBuilder batch = new StringBuilder();
        for (Map.Entry<String, LineFollower> f : followers.entrySet()) {
          for (String line : f.getValue().newLines()) {
            batch
                .append("event: ")
                .append(f.getKey())
                .append("\ndata: ")
                .append(line)
                .append("\n\n");
          }
        }
        if (dir != null) {
          RunStatus.State state = RunInfo.read(dir).status();
          if (!state.label().equals(lastStatus)) {
            lastStatus = state.label();
            batch.append("event: status\ndata: \"").append(lastStatus).append("\"\n\n");
          }
        }
        if (poll % RUNS_EVERY_POLLS == 0) {
          String runs = JSON.writeValueAsString(runsJson());
          if (!runs.equals(lastRuns)) {
            lastRuns = runs;
            batch.append("event: runs\ndata: ").append(runs).append("\n\n");
          }
        }
        if (batch.isEmpty() && System.nanoTime() - lastPing > 10e9) {
          batch.append(": ping\n\n");
        }
        if (!batch.isEmpty()) {
          out.write(batch.toString().getBytes(StandardCharsets.UTF_8));
          out.flush();
          lastPing = System.nanoTime();
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (IOException | InterruptedException gone) {
      // the page was closed or the server stopped
    }
  }

  private static long offset(String value) {
    try {
      return value == null ? 0 : Math.max(0, Long.parseLong(value));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Map<String, String> query(HttpExchange e) {
    Map<String, String> query = new HashMap<>();
    String raw = e.getRequestURI().getRawQuery();
    if (raw == null) {
      return query;
    }
    for (String pair : raw.split("&", -1)) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        query.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return query;
  }
}

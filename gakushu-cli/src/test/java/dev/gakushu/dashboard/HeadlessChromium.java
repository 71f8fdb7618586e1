package dev.gakushu.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Chromium driven headless through the DevTools protocol over a WebSocket: opens a page,
 * evaluates expressions in it, collects console errors and uncaught exceptions, takes screenshots.
 */
final class HeadlessChromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<String> errors = new CopyOnWriteArrayList<>();

  /** Starts {@code binary} (see {@code OptionalParts.assumeChromium}) with a fresh profile. */
  HeadlessChromium(Path binary, Path profile, int width, int height) throws Exception {
    process =
        new ProcessBuilder(
                binary.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
                "--remote-allow-origins=*",
                "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile,
                "about:blank")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String browser = null;
    BufferedReader err =
        new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    for (String line = err.readLine(); line != null; line = err.readLine()) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        browser = m.group(1);
        break;
      }
    }
    if (browser == null) {
      throw new IOException("chromium did not start its DevTools server");
    }
    Thread drain = new Thread(() -> err.lines().forEach(l -> {}), "chromium-stderr");
    drain.setDaemon(true);
    drain.start();
    URI ws = URI.create(browser);
    HttpClient http = HttpClient.newHttpClient();
    JsonNode targets =
        JSON.readTree(
            http.send(
                    HttpRequest.newBuilder(URI.create("http://" + ws.getAuthority() + "/json/list"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());
    String page = null;
    for (JsonNode t : targets) {
      if (t.path("type").asText().equals("page")) {
        page = t.get("webSocketDebuggerUrl").asText();
      }
    }
    socket =
        http.newWebSocketBuilder()
            .buildAsync(URI.create(page), new Listener())
            .get(30, TimeUnit.SECONDS);
    call("Runtime.enable", JSON.createObjectNode());
    call("Log.enable", JSON.createObjectNode());
    call("Page.enable", JSON.createObjectNode());
  }

  /** Console errors, failed loads and uncaught exceptions so far. */
  List<String> errors() {
    return new ArrayList<>(errors);
  }

  void open(String url) throws Exception {
    ObjectNode params = JSON.createObjectNode().put("url", url);
    call("Page.navigate", params);
  }

  /** The value of a JavaScript expression in the page. */
  JsonNode evaluate(String expression) throws Exception {
    JsonNode r =
        call(
            "Runtime.evaluate",
            JSON.createObjectNode().put("expression", expression).put("returnByValue", true));
    return r.path("result").path("value");
  }

  /** Waits up to {@code timeout} for a JavaScript condition to hold. */
  boolean waitFor(String condition, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (evaluate("Boolean(" + condition + ")").asBoolean()) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }

  void screenshot(Path png) throws Exception {
    JsonNode r =
        call(
            "Page.captureScreenshot",
            JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true));
    Files.write(png, Base64.getDecoder().decode(r.get("data").asText()));
  }

  private JsonNode call(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> result = new CompletableFuture<>();
    pending.put(id, result);
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", params);
    socket.sendText(JSON.writeValueAsString(message), true).get(30, TimeUnit.SECONDS);
    JsonNode answer = result.get(60, TimeUnit.SECONDS);
    if (answer.has("error")) {
      throw new IOException(method + ": " + answer.get("error"));
    }
    return answer.path("result");
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        handle(text.toString());
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    private void handle(String message) {
      try {
        JsonNode m = JSON.readTree(message);
        if (m.has("id")) {
          CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
          if (f != null) {
            f.complete(m);
          }
          return;
        }
        JsonNode p = m.path("params");
        switch (m.path("method").asText()) {
          case "Runtime.exceptionThrown" ->
              errors.add("exception: " + p.path("exceptionDetails").toString());
          case "Runtime.consoleAPICalled" -> {
            if (p.path("type").asText().equals("error")) {
              errors.add("console.error: " + p.path("args").toString());
            }
          }
          case "Log.entryAdded" -> {
            if (p.path("entry").path("level").asText().equals("error")) {
              errors.add("log: " + p.path("entry").toString());
            }
          }
          default -> {}
        }
      } catch (IOException e) {
        errors.add("unreadable DevTools message: " + e.getMessage());
      }
    }
  }

  /**
   * Stops the browser and every process it started, and waits for each to exit: the browser's
   * helpers (network service, renderers) may outlive it for a moment and still write into the
   * profile folder, which the test's temporary folder then cannot delete.
   */
  @Override
  public void close() {
    socket.abort();
    List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
    family.add(process.toHandle());
    family.forEach(ProcessHandle::destroy);
    for (ProcessHandle member : family) {
      try {
        member.onExit().get(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        member.destroyForcibly();
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        member.destroyForcibly();
      }
    }
  }
}

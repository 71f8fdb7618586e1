package dev.gakushu.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.report.Numbers;
import dev.gakushu.run.TrialResult;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.tune.Importance;
import dev.gakushu.tune.Search;
import dev.gakushu.tune.SearchJournal;
import dev.gakushu.tune.SearchSpace;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard against a hostile local user, through real HTTP requests (java.net.http, and raw
 * sockets where a client must misbehave: a forged Host, an unread stream) over real symbolic links
 * and files.
 */
class DashboardServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONFIG =
      "{\"data\":{\"source\":\"fashion-mnist\"},\"loop\":{\"epochs\":5},"
          + "\"network\":{\"hidden\":[10],\"activation\":\"relu\"},\"optimizer\":{\"name\":\"sgd\"}}\n";

  @TempDir Path tmp;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private DashboardServer server;
  private String token;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private Path runs() throws IOException {
    return Files.createDirectories(tmp.resolve("runs"));
  }

  private static Path run(Path dir, int epochs) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("config.json"), CONFIG);
    StringBuilder metrics = new StringBuilder();
    for (int e = 1; e <= epochs; e++) {
      metrics.append(metric(e));
    }
    Files.writeString(dir.resolve("metrics.jsonl"), metrics);
    return dir;
  }

  private static String metric(int epoch) {
    return "{\"epoch\":" + epoch + ",\"train_loss\":0.5,\"validation_accuracy\":0.8}\n";
  }

  private void start(Path runs) {
    start(runs, RequestDeadlines.SECONDS);
  }

  private void start(Path runs, long requestSeconds) {
    server = DashboardServer.start(runs, 0, log::add, requestSeconds);
    Matcher m =
        Pattern.compile("^http://127\\.0\\.0\\.1:(\\d+)/\\?token=([A-Za-z0-9_-]{43})$")
            .matcher(server.url());
    assertThat(m.matches()).as(server.url()).isTrue();
    assertThat(Integer.parseInt(m.group(1))).isEqualTo(server.port());
    token = m.group(2);
  }

  private HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
            .timeout(Duration.ofSeconds(20));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> api(String path) throws Exception {
    return get(path + (path.contains("?") ? "&" : "?") + "token=" + token);
  }

  /** Sends {@code request} as typed and returns what comes back until the server closes. */
  private String raw(String request) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(20_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private String host() {
    return "127.0.0.1:" + server.port();
  }

  /** Opens an event stream on a socket of its own and reads its status line. */
  private Socket stream(String query) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
    s.setSoTimeout(20_000);
    s.getOutputStream()
        .write(
            ("GET /api/events?token=" + token + query + " HTTP/1.1\r\nHost: " + host() + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    return s;
  }

  private static String statusLine(Socket s) throws IOException {
    StringBuilder line = new StringBuilder();
    InputStream in = s.getInputStream();
    for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
      line.append((char) c);
    }
    return line.toString().strip();
  }

  /** Reads a stream until {@code wanted} has arrived (or 20 s have passed), returning all read. */
  private static String readUntil(Socket s, String wanted) throws IOException {
    StringBuilder text = new StringBuilder();
    byte[] buffer = new byte[8192];
    InputStream in = s.getInputStream();
    long end = System.nanoTime() + 20_000_000_000L;
    int from = 0;
    while (text.indexOf(wanted, from) < 0 && System.nanoTime() < end) {
      from = Math.max(0, text.length() - wanted.length());
      int n = in.read(buffer);
      if (n < 0) {
        break;
      }
      text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
    }
    return text.toString();
  }

  private static boolean waitFor(BooleanSupplier condition, long millis) throws Exception {
    long end = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }

  private List<String> logged(String words) {
    return log.stream().filter(l -> l.contains(words)).toList();
  }

  @Test
  void linksOutOfTheRootAreNeitherListedNorServed() throws Exception {
    Path runs = runs();
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path secret = outside.resolve("secret.jsonl");
    Files.writeString(secret, "{\"epoch\":1,\"secret\":\"s3cr3t\"}\n");
    Path outsideRun = run(outside.resolve("their-run"), 1);
    Files.writeString(outsideRun.resolve("metrics.jsonl"), "{\"epoch\":1,\"secret\":\"s3cr3t\"}\n");
    run(runs.resolve("good"), 2);
    // runs/x/metrics.jsonl -> a file outside; runs/y -> a folder outside; runs/z/config.json too
    Path x = Files.createDirectories(runs.resolve("x"));
    Files.writeString(x.resolve("config.json"), CONFIG);
    Files.createSymbolicLink(x.resolve("metrics.jsonl"), secret);
    Files.createSymbolicLink(runs.resolve("y"), outsideRun);
    Path z = Files.createDirectories(runs.resolve("z"));
    Files.createSymbolicLink(z.resolve("config.json"), outsideRun.resolve("config.json"));
    Files.createSymbolicLink(runs.resolve("deeper"), outside);
    start(runs);

    HttpResponse<String> list = api("/api/runs");
    assertThat(list.statusCode()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    JSON.readTree(list.body()).forEach(r -> ids.add(r.get("id").asText()));
    assertThat(ids).containsExactly("good");
    for (String id : List.of("x", "y", "z", "deeper/their-run", "y/../y", "x/metrics.jsonl")) {
      HttpResponse<String> one = api("/api/run?id=" + id);
      assertThat(one.statusCode()).as(id).isEqualTo(404);
      assertThat(one.body()).doesNotContain("s3cr3t");
      assertThat(api("/api/events?id=" + id).statusCode()).as(id).isEqualTo(404);
    }
    assertThat(api("/api/run?id=good").statusCode()).isEqualTo(200);
    try (Socket s = stream("")) {
      assertThat(statusLine(s)).isEqualTo("HTTP/1.1 200 OK");
      String events = readUntil(s, "event: runs");
      assertThat(events)
          .contains("\"id\":\"good\"")
          .doesNotContain("\"x\"")
          .doesNotContain("s3cr3t");
    }
    // said once for each run left out, whatever was asked
    assertThat(logged("is a symbolic link")).hasSize(2);
    assertThat(logged("not serving " + runs.toRealPath().resolve("x") + ": its metrics.jsonl"))
        .hasSize(1);
  }

  @Test
  void aLinkSwappedInAfterTheStreamStartedIsNotFollowed() throws Exception {
    Path runs = runs();
    Path good = run(runs.resolve("good"), 1);
    Path secret = Files.writeString(tmp.resolve("secret.jsonl"), "{\"epoch\":9,\"secret\":1}\n");
    start(runs);
    long offset = Files.size(good.resolve("metrics.jsonl"));
    try (Socket s = stream("&id=good&metrics=" + offset)) {
      assertThat(statusLine(s)).isEqualTo("HTTP/1.1 200 OK");
      readUntil(s, "event: status");
      Files.delete(good.resolve("metrics.jsonl"));
      Files.createSymbolicLink(good.resolve("metrics.jsonl"), secret);
      Files.writeString(good.resolve("layers.jsonl"), "{\"step\":1}\n");
      assertThat(readUntil(s, "event: layers")).contains("event: layers").doesNotContain("secret");
    }
  }

  @Test
  void onlyTheHostsOfThePrintedAddressAreAnswered() throws Exception {
    start(runs());
    String ok = "GET /api/runs?token=" + token + " HTTP/1.1\r\nConnection: close\r\nHost: ";
    assertThat(raw(ok + host() + "\r\n\r\n")).startsWith("HTTP/1.1 200");
    assertThat(raw(ok + "localhost:" + server.port() + "\r\n\r\n")).startsWith("HTTP/1.1 200");
    assertThat(raw(ok + "LocalHost:" + server.port() + "\r\n\r\n")).startsWith("HTTP/1.1 200");
    List<String> refused =
        List.of(
            "attacker.example",
            "attacker.example:" + server.port(),
            "127.0.0.1",
            "127.0.0.1:" + (server.port() == 65535 ? 1 : server.port() + 1),
            "localhost.attacker.example:" + server.port(),
            "[::1]:" + server.port());
    for (String host : refused) {
      String answer = raw(ok + host + "\r\n\r\n");
      assertThat(answer).as(host).startsWith("HTTP/1.1 403").doesNotContain("\"id\"");
    }
    // no Host at all, and two of them
    assertThat(raw("GET /api/runs?token=" + token + " HTTP/1.0\r\n\r\n"))
        .startsWith("HTTP/1.1 403");
    assertThat(raw(ok + host() + "\r\nHost: attacker.example\r\n\r\n")).startsWith("HTTP/1.1 403");
    // the page itself too: a rebinding page cannot load it
    assertThat(raw("GET / HTTP/1.1\r\nConnection: close\r\nHost: attacker.example\r\n\r\n"))
        .startsWith("HTTP/1.1 403");
    assertThat(logged("403 Host")).hasSize(refused.size() + 3);
    assertThat(log).hasSize(refused.size() + 3);
  }

  @Test
  void theApiNeedsTheTokenOfThePrintedAddress() throws Exception {
    run(runs().resolve("a"), 1);
    start(runs());
    String wrong = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
    for (String path : List.of("/api/runs", "/api/run?id=a", "/api/events?id=a")) {
      String sep = path.contains("?") ? "&" : "?";
      assertThat(get(path).statusCode()).as(path).isEqualTo(403);
      assertThat(get(path + sep + "token=" + wrong).statusCode()).as(path).isEqualTo(403);
      assertThat(get(path + sep + "token=").statusCode()).as(path).isEqualTo(403);
      assertThat(get(path, "Authorization", "token " + wrong).statusCode()).isEqualTo(403);
      assertThat(
              get(path, "Cookie", "gakushu-dashboard-" + server.port() + "=" + wrong).statusCode())
          .isEqualTo(403);
    }
    assertThat(logged("403 no valid token")).hasSize(15);
    assertThat(log).hasSize(15);
    // the page needs none (it holds no data); opened with the token it gets the cookie
    HttpResponse<String> page = get("/?token=" + token);
    assertThat(page.statusCode()).isEqualTo(200);
    String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie)
        .isEqualTo(
            "gakushu-dashboard-"
                + server.port()
                + "="
                + token
                + "; Path=/; HttpOnly; SameSite=Strict");
    assertThat(get("/").statusCode()).isEqualTo(200);
    assertThat(
            get("/api/runs", "Cookie", "x=1; " + cookie.substring(0, cookie.indexOf(";")))
                .statusCode())
        .isEqualTo(200);
    assertThat(get("/api/run?id=a", "Authorization", "token " + token).statusCode()).isEqualTo(200);
    assertThat(api("/api/run?id=a").statusCode()).isEqualTo(200);
    assertThat(log).hasSize(15);
  }

  @Test
  void twoHundredStreamsGetThirtyTwoSlotsAndClosedClientsFreeThemPromptly() throws Exception {
    run(runs().resolve("a"), 3);
    start(runs());
    List<Socket> clients = new ArrayList<>();
    int ok = 0;
    int busy = 0;
    try {
      for (int i = 0; i < 200; i++) {
        Socket s = stream(i % 2 == 0 ? "&id=a" : "");
        clients.add(s);
        String status = statusLine(s);
        if (status.equals("HTTP/1.1 200 OK")) {
          ok++;
        } else {
          assertThat(status).isEqualTo("HTTP/1.1 503 Service Unavailable");
          assertThat(readUntil(s, "\r\n\r\n").toLowerCase(Locale.ROOT)).contains("retry-after: 5");
          busy++;
        }
      }
      assertThat(ok).isEqualTo(EventHub.MAX_STREAMS);
      assertThat(busy).isEqualTo(200 - EventHub.MAX_STREAMS);
      assertThat(server.openStreams()).isEqualTo(EventHub.MAX_STREAMS);
      assertThat(logged("503 ")).hasSize(busy);
      // the poller, the streams' pool, the HTTP pool and its clock, whatever the number of clients
      assertThat(dashboardThreads())
          .isLessThanOrEqualTo(1 + EventHub.MAX_STREAMS + RequestDeadlines.THREADS + 1);
      for (Socket s : clients) {
        s.close();
      }
      // a ping every 0.5 s: noticed long before the 10 s a ping used to take
      assertThat(waitFor(() -> server.openStreams() == 0, 5_000))
          .as("32 closed clients released within 5 s")
          .isTrue();
      try (Socket again = stream("&id=a")) {
        assertThat(statusLine(again)).isEqualTo("HTTP/1.1 200 OK");
        assertThat(readUntil(again, "event: runs")).contains("event: status");
      }
    } finally {
      for (Socket s : clients) {
        s.close();
      }
    }
  }

  private static long dashboardThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("gakushu-dashboard"))
        .count();
  }

  @Test
  void manyStreamsOfOneRunShareOnePollAndEachGetsEveryLine() throws Exception {
    Path a = run(runs().resolve("a"), 2);
    start(runs());
    long offset = Files.size(a.resolve("metrics.jsonl"));
    List<Socket> clients = new ArrayList<>();
    try {
      // one from the start, the others from the offset /api/run gave
      clients.add(stream("&id=a"));
      for (int i = 0; i < 5; i++) {
        clients.add(stream("&id=a&metrics=" + offset));
      }
      for (Socket s : clients) {
        assertThat(statusLine(s)).isEqualTo("HTTP/1.1 200 OK");
        readUntil(s, "event: runs");
      }
      Files.writeString(a.resolve("metrics.jsonl"), metric(3), StandardOpenOption.APPEND);
      String first = readUntil(clients.get(0), "\"epoch\":3");
      assertThat(first).contains("\"epoch\":3");
      for (Socket s : clients.subList(1, clients.size())) {
        String events = readUntil(s, "\"epoch\":3");
        assertThat(events)
            .contains("event: metrics\ndata: {\"epoch\":3,")
            .doesNotContain("\"epoch\":1");
      }
    } finally {
      for (Socket s : clients) {
        s.close();
      }
    }
  }

  /** A search's journal as tune starts it: its settings line. */
  private static Path search(Path dir) throws IOException {
    Files.createDirectories(dir);
    RunSpec base = RunSpec.builder().optimizer("sgd").epochs(2).batchSize(100).threads(1).build();
    SearchSpace space =
        SearchSpace.parse(List.of("lr=log(1e-3,1e-1)", "hidden=choice(20,50)"), base);
    Search.Settings settings = new Search.Settings("digits", space, base, "random", 7);
    Files.writeString(
        dir.resolve(Search.JOURNAL), JSON.writeValueAsString(settings.describe()) + "\n");
    return dir;
  }

  private static String trialLine(int trial, double lr, String hidden, double score) {
    return String.format(
        Locale.ROOT,
        "{\"type\":\"trial\",\"trial\":%d,\"seed\":%d,\"params\":{\"lr\":%s,\"hidden\":\"%s\"},"
            + "\"validation_accuracy\":[0.1,%s],\"train_accuracy\":[0.1,0.2],\"status\":\"completed\"}\n",
        trial,
        trial,
        lr,
        hidden,
        score);
  }

  /** The last {@code event: importance} data in {@code events}. */
  private static JsonNode lastImportance(String events) throws IOException {
    String mark = "event: importance\ndata: ";
    int at = events.lastIndexOf(mark);
    assertThat(at).as(events).isGreaterThanOrEqualTo(0);
    int start = at + mark.length();
    return JSON.readTree(events.substring(start, events.indexOf('\n', start)));
  }

  /**
   * A running search's stream: each trial line as it is appended, and the importance tune would
   * report for the trials so far (null while fewer than two ran to the end), pushed as trials
   * finish; a stream opened later gets the current importance at once; /api/runs gives the time as
   * {@code gakushu runs} prints it.
   */
  @Test
  void aRunningSearchsTrialsAndImportanceArePushedAsItsJournalGrows() throws Exception {
    Path s = search(runs().resolve("s"));
    Path journal = s.resolve(Search.JOURNAL);
    start(runs());
    JsonNode listed = JSON.readTree(api("/api/runs").body()).get(0);
    assertThat(listed.get("time_shown").asText())
        .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d")
        .isEqualTo(Numbers.time(java.time.Instant.parse(listed.get("time").asText())));
    long offset = Files.size(journal);
    try (Socket first = stream("&id=s&journal=" + offset)) {
      assertThat(statusLine(first)).isEqualTo("HTTP/1.1 200 OK");
      readUntil(first, "event: runs");
      List<String> lines =
          List.of(
              trialLine(0, 0.002, "20", 0.4),
              trialLine(1, 0.05, "50", 0.9),
              trialLine(2, 0.01, "50", 0.7),
              trialLine(3, 0.003, "20", 0.5));
      SearchJournal expected = SearchJournal.of(JSON.readTree(Files.readAllLines(journal).get(0)));
      List<TrialResult> finished = new ArrayList<>();
      for (int n = 0; n < lines.size(); n++) {
        Files.writeString(journal, lines.get(n), StandardOpenOption.APPEND);
        finished.add(expected.trial(JSON.readTree(lines.get(n))));
        String events = readUntil(first, "{\"trials\":" + (n + 1) + ",");
        assertThat(events)
            .contains("event: journal\ndata: {\"type\":\"trial\",\"trial\":" + n + ",");
        JsonNode pushed = lastImportance(events);
        assertThat(pushed.get("trials").asInt()).isEqualTo(n + 1);
        java.util.Map<String, Double> shares =
            Importance.of(expected.space(), finished, expected.seed());
        if (n == 0) {
          assertThat(pushed.get("importance").isNull()).as(events).isTrue();
        } else {
          assertThat(pushed.get("importance")).isEqualTo(JSON.valueToTree(shares));
        }
      }
      try (Socket later = stream("&id=s&journal=" + Files.size(journal))) {
        assertThat(statusLine(later)).isEqualTo("HTTP/1.1 200 OK");
        String events = readUntil(later, "event: importance");
        assertThat(lastImportance(events).get("trials").asInt()).isEqualTo(4);
        assertThat(events).doesNotContain("event: journal");
      }
    }
  }

  /** A journal whose first line is not a search's: its lines still stream, with one log line. */
  @Test
  void aJournalThatIsNotASearchsStreamsWithoutImportance() throws Exception {
    Path s = Files.createDirectories(runs().resolve("odd"));
    Files.writeString(s.resolve(Search.JOURNAL), "{\"type\":\"search\"}\n");
    start(runs());
    try (Socket client = stream("&id=odd")) {
      assertThat(statusLine(client)).isEqualTo("HTTP/1.1 200 OK");
      readUntil(client, "event: journal");
      Files.writeString(
          s.resolve(Search.JOURNAL), trialLine(0, 0.01, "20", 0.5), StandardOpenOption.APPEND);
      assertThat(readUntil(client, "\"trial\":0,")).doesNotContain("event: importance");
      assertThat(waitFor(() -> logged("no importance for").size() == 1, 5000))
          .as(log.toString())
          .isTrue();
    }
  }

  @Test
  void aTwentyMegabyteLineIsReadOnceAndSkipped() throws Exception {
    Path big = run(runs().resolve("big"), 2);
    Path metrics = big.resolve("metrics.jsonl");
    long before = Files.size(metrics);
    byte[] x = new byte[20 << 20];
    java.util.Arrays.fill(x, (byte) 'x');
    Files.write(metrics, x, StandardOpenOption.APPEND);
    start(runs());
    JsonNode run = JSON.readTree(api("/api/run?id=big").body());
    assertThat(run.get("metrics")).hasSize(2);
    assertThat(run.get("offsets").get("metrics").asLong()).isEqualTo(before);
    try (Socket s = stream("&id=big&metrics=" + before)) {
      assertThat(statusLine(s)).isEqualTo("HTTP/1.1 200 OK");
      readUntil(s, "event: runs");
      // the stream's own reader has scanned the line once
      assertThat(waitFor(() -> logged("longer than 1 MiB").size() == 2, 20_000)).isTrue();
      // once scanned, the line is not read again: a quiet 2 s soon, and quiet after
      long quiet = 0;
      for (int window = 0; window < 10 && quiet == 0; window++) {
        long read = bytesRead();
        Thread.sleep(2_000);
        quiet = bytesRead() - read < (1 << 20) ? 1 : 0;
      }
      assertThat(quiet).as("a 2 s window reading less than 1 MiB within 20 s").isEqualTo(1);
      long read = bytesRead();
      Thread.sleep(2_000);
      assertThat(bytesRead() - read)
          .as("bytes read in 2 s while nothing changed")
          .isLessThan(1 << 20);
      assertThat(logged("longer than 1 MiB")).hasSize(2);
      // the line ends; the next one arrives, the long one never
      Files.writeString(metrics, "\n" + metric(3), StandardOpenOption.APPEND);
      String events = readUntil(s, "\"epoch\":3");
      assertThat(events).contains("\"epoch\":3").doesNotContain("xxx");
    }
    assertThat(logged("longer than 1 MiB").get(0))
        .isEqualTo(
            "skipped the line at byte "
                + before
                + " of "
                + runs().toRealPath().resolve("big").resolve("metrics.jsonl")
                + ": longer than 1 MiB");
  }

  /** Bytes this process has read from files and sockets, from Linux's /proc/self/io. */
  private static long bytesRead() throws IOException {
    Path io = Path.of("/proc/self/io");
    Assumptions.assumeTrue(Files.isReadable(io), "no /proc/self/io");
    for (String line : Files.readAllLines(io)) {
      if (line.startsWith("rchar:")) {
        return Long.parseLong(line.substring(6).strip());
      }
    }
    throw new IOException("no rchar in /proc/self/io");
  }

  @Test
  void aClientThatDoesNotReadIsCutOffAndOthersGoOn() throws Exception {
    Path a = run(runs().resolve("a"), 1);
    start(runs());
    long offset = Files.size(a.resolve("metrics.jsonl"));
    try (Socket stuck = stream("&id=a&metrics=" + offset);
        Socket reader = stream("&id=a&metrics=" + offset)) {
      assertThat(statusLine(stuck)).isEqualTo("HTTP/1.1 200 OK");
      assertThat(statusLine(reader)).isEqualTo("HTTP/1.1 200 OK");
      String padding = "p".repeat(900_000);
      try (OutputStream out =
          Files.newOutputStream(a.resolve("metrics.jsonl"), StandardOpenOption.APPEND)) {
        for (int e = 2; e <= 30; e++) {
          out.write(
              ("{\"epoch\":" + e + ",\"pad\":\"" + padding + "\"}\n")
                  .getBytes(StandardCharsets.UTF_8));
        }
      }
      // the reader gets every line while the other is cut off
      assertThat(readUntil(reader, "{\"epoch\":30,")).contains("{\"epoch\":30,");
      assertThat(waitFor(() -> !logged("8 MiB of events unread").isEmpty(), 20_000)).isTrue();
      assertThat(waitFor(() -> server.openStreams() == 1, 5_000)).isTrue();
    }
  }

  @Test
  void everyBadRequestGetsAFourHundredAnswerAndOneLogLine() throws Exception {
    Path a = run(runs().resolve("a"), 1);
    start(runs());
    List<String[]> cases =
        List.of(
            new String[] {"/api/run?id=1%00", "400"},
            new String[] {"/api/events?id=1%00", "400"},
            new String[] {"/api/run?id=%zz", "400"},
            new String[] {"/api/run?id=%", "400"},
            new String[] {"/api/run?id=a%0a", "400"},
            new String[] {"/api/run", "400"},
            new String[] {"/api/events?id=a&metrics=-1", "400"},
            new String[] {"/api/events?id=a&metrics=x", "400"},
            new String[] {"/api/run?id=..%2F..%2Fetc", "404"},
            new String[] {"/api/run?id=%2Fetc", "404"},
            new String[] {"/api/run?id=nope", "404"},
            new String[] {"/nope", "404"},
            new String[] {"/api/nope", "404"});
    for (String[] c : cases) {
      String sep = c[0].contains("?") ? "&" : "?";
      String answer =
          raw(
              "GET "
                  + c[0]
                  + sep
                  + "token="
                  + token
                  + " HTTP/1.1\r\nHost: "
                  + host()
                  + "\r\nConnection: close\r\n\r\n");
      assertThat(answer).as(c[0]).startsWith("HTTP/1.1 " + c[1]);
    }
    assertThat(log).hasSize(cases.size());
    assertThat(log.get(0)).isEqualTo("GET /api/run: 400 a control character in 1%00");
    // refused by the JDK's server before the dashboard sees it, logged all the same
    assertThat(log.get(2))
        .isEqualTo("GET /api/run?id=%zz&token=… HTTP/1.1: 400 URISyntaxException thrown");
    assertThat(log).noneMatch(l -> l.contains(token));
    log.clear();
    for (String method : List.of("POST", "DELETE", "PUT", "OPTIONS", "BREW")) {
      String answer =
          raw(
              method
                  + " /api/runs?token="
                  + token
                  + " HTTP/1.1\r\nHost: "
                  + host()
                  + "\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      assertThat(answer).as(method).startsWith("HTTP/1.1 405").contains("Allow: GET, HEAD");
    }
    assertThat(log).hasSize(5);
    log.clear();
    // a line that is not JSON is skipped, in the files and in a stream, which goes on
    Files.writeString(
        a.resolve("metrics.jsonl"), "not json\n" + metric(2), StandardOpenOption.APPEND);
    JsonNode run = JSON.readTree(api("/api/run?id=a").body());
    assertThat(run.get("metrics")).hasSize(2);
    try (Socket s = stream("&id=a&metrics=" + run.get("offsets").get("metrics").asLong())) {
      assertThat(statusLine(s)).isEqualTo("HTTP/1.1 200 OK");
      readUntil(s, "event: runs");
      Files.writeString(
          a.resolve("metrics.jsonl"), "{oops\n" + metric(3), StandardOpenOption.APPEND);
      assertThat(readUntil(s, "\"epoch\":3")).contains("\"epoch\":3").doesNotContain("oops");
    }
    assertThat(logged(": not JSON")).hasSize(2);
  }

  @Test
  void clientsSendingTheirRequestsSlowlyDoNotHoldTheServer() throws Exception {
    // the deadline shortened from the default's (the rule is the same at any length)
    assertThat(RequestDeadlines.SECONDS).as("the default deadline the docs give").isEqualTo(5);
    long deadline = 1;
    start(runs(), deadline);
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < RequestDeadlines.THREADS; i++) {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        s.setSoTimeout(20_000);
        s.getOutputStream().write("GET / HTTP/1.1\r\nHost: ".getBytes(StandardCharsets.US_ASCII));
        slow.add(s);
      }
      Thread.sleep(300);
      // answered once the slow ones' time is up, well before the client's 20 s timeout
      assertThat(api("/api/runs").statusCode()).isEqualTo(200);
      for (Socket s : slow) {
        assertThat(s.getInputStream().read()).as("closed by the server").isEqualTo(-1);
      }
      assertThat(logged("no complete request in " + deadline + " s"))
          .hasSize(RequestDeadlines.THREADS);
      assertThat(log).hasSize(RequestDeadlines.THREADS);
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
  }

  @Test
  void headIsAnsweredWithTheLengthAndNoWarningFromTheJdk() throws Exception {
    run(runs().resolve("a"), 1);
    start(runs());
    List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    Handler catcher =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
              warnings.add(r);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger jdk = Logger.getLogger("com.sun.net.httpserver");
    jdk.addHandler(catcher);
    try {
      for (String path :
          List.of(
              "/", "/dashboard.js", "/api/runs?token=" + token, "/api/run?id=a&token=" + token)) {
        HttpResponse<String> get = get(path);
        HttpResponse<String> head =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).as(path).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValueAsLong("Content-Length").orElseThrow())
            .isEqualTo(get.body().getBytes(StandardCharsets.UTF_8).length);
      }
      String events =
          raw(
              "HEAD /api/events?token="
                  + token
                  + " HTTP/1.1\r\nHost: "
                  + host()
                  + "\r\nConnection: close\r\n\r\n");
      assertThat(events).startsWith("HTTP/1.1 200").contains("text/event-stream");
      assertThat(server.openStreams()).isZero();
    } finally {
      jdk.removeHandler(catcher);
    }
    assertThat(warnings).isEmpty();
    assertThat(log).isEmpty();
  }
}

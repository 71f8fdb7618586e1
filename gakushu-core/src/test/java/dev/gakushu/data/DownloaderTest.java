package dev.gakushu.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.gakushu.BadInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from an HTTP server on 127.0.0.1 that this test starts and stops. */
class DownloaderTest {
  private static final byte[] BODY =
      "the bytes of a data file, repeated ".repeat(5000).getBytes(StandardCharsets.US_ASCII);

  @TempDir Path cache;

  private HttpServer server;
  private String base;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger dropsLeft = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/good/",
        exchange -> {
          requests.incrementAndGet();
          exchange.sendResponseHeaders(200, BODY.length);
          try (OutputStream out = exchange.getResponseBody()) {
            if (dropsLeft.getAndDecrement() > 0) {
              out.write(BODY, 0, BODY.length / 2);
              out.flush();
              exchange.close(); // the connection drops halfway
              return;
            }
            out.write(BODY);
          }
        });
    server.createContext(
        "/missing/",
        exchange -> {
          requests.incrementAndGet();
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
        });
    server.createContext(
        "/endless/",
        exchange -> {
          requests.incrementAndGet();
          exchange.sendResponseHeaders(200, 0); // chunked, no length announced
          try (OutputStream out = exchange.getResponseBody()) {
            byte[] chunk = new byte[1 << 14];
            while (true) {
              out.write(chunk);
            }
          } catch (IOException clientGaveUp) {
            // the download stopped reading
          }
        });
    server.createContext(
        "/announced-huge/",
        exchange -> {
          requests.incrementAndGet();
          exchange.sendResponseHeaders(200, 1L << 40);
          // a byte sent and flushed puts the headers on the wire (JDK 25's server otherwise
          // drops the connection before them when the exchange closes short of its length)
          try {
            exchange.getResponseBody().write('x');
            exchange.getResponseBody().flush();
          } catch (IOException clientGaveUp) {
            // the download refused the length and went away
          }
          exchange.close();
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static Digest sha256(byte[] bytes) throws Exception {
    return Digest.sha256(
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
  }

  private Downloader downloader() {
    return new Downloader(3, Duration.ofSeconds(5));
  }

  private List<String> cacheFiles() throws IOException {
    try (var files = Files.list(cache)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aVerifiedDownloadLandsInTheCache() throws Exception {
    Path file =
        downloader()
            .download(
                List.of(base + "/good/"),
                "data.gz",
                sha256(BODY),
                BODY.length,
                cache,
                Downloader.Progress.NONE);
    assertThat(Files.readAllBytes(file)).isEqualTo(BODY);
    assertThat(cacheFiles()).containsExactly("data.gz");
  }

  @Test
  void aChecksumMismatchLeavesNothingAndNamesTheUrlAndChecksum() {
    Digest wrong = Digest.sha256("00".repeat(32));
    assertThatThrownBy(
            () ->
                downloader()
                    .download(
                        List.of(base + "/good/"),
                        "data.gz",
                        wrong,
                        BODY.length,
                        cache,
                        Downloader.Progress.NONE))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(
            base + "/good/data.gz: checksum mismatch, expected SHA-256 " + "00".repeat(32));
    assertThat(cache).isEmptyDirectory();
  }

  @Test
  void aDroppedConnectionIsRetried() throws Exception {
    dropsLeft.set(1);
    Path file =
        downloader()
            .download(
                List.of(base + "/good/"),
                "data.gz",
                sha256(BODY),
                BODY.length,
                cache,
                Downloader.Progress.NONE);
    assertThat(requests.get()).isEqualTo(2);
    assertThat(Files.readAllBytes(file)).isEqualTo(BODY);
    assertThat(cacheFiles()).containsExactly("data.gz");
  }

  @Test
  void aConnectionThatKeepsDroppingLeavesNothing() {
    dropsLeft.set(100);
    assertThatThrownBy(
            () ->
                downloader()
                    .download(
                        List.of(base + "/good/"),
                        "data.gz",
                        sha256(BODY),
                        BODY.length,
                        cache,
                        Downloader.Progress.NONE))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("attempt 3 failed");
    assertThat(requests.get()).isEqualTo(3);
    assertThat(cache).isEmptyDirectory();
  }

  @Test
  void aMissingFileMovesOnToTheNextMirror() throws Exception {
    Path file =
        downloader()
            .download(
                List.of(base + "/missing/", base + "/good/"),
                "data.gz",
                sha256(BODY),
                BODY.length,
                cache,
                Downloader.Progress.NONE);
    assertThat(Files.readAllBytes(file)).isEqualTo(BODY);
    assertThatThrownBy(
            () ->
                downloader()
                    .download(
                        List.of(base + "/missing/"),
                        "other.gz",
                        sha256(BODY),
                        BODY.length,
                        cache,
                        Downloader.Progress.NONE))
        .hasMessageContaining(base + "/missing/other.gz: not found (HTTP 404)");
    assertThat(cacheFiles()).containsExactly("data.gz");
  }

  @Test
  void aWholeDataSetIsFetchedIntoTheCacheWhenNotFound() throws Exception {
    Path served = cache.resolve("served");
    IdxReaderTest.writeValidSet(served);
    server.createContext(
        "/set/",
        exchange -> {
          byte[] bytes =
              Files.readAllBytes(served.resolve(exchange.getRequestURI().getPath().substring(5)));
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    List<Digest> digests = new java.util.ArrayList<>();
    List<Long> sizes = new java.util.ArrayList<>();
    for (String f : IdxSet.FILES) {
      digests.add(sha256(Files.readAllBytes(served.resolve(f))));
      sizes.add(Files.size(served.resolve(f)));
    }
    IdxSet set =
        new IdxSet(
            "tiny", IdxSet.MNIST.classNames(), null, List.of(base + "/set/"), digests, sizes);
    DataLocations locations = new DataLocations(null, null, cache.resolve("root"));
    assertThat(locations.find(set)).isNull();
    Path folder = locations.cacheFolder(set);
    DataSource.fetch(set, folder, downloader(), Downloader.Progress.NONE);
    assertThat(locations.find(set)).isEqualTo(folder);
    assertThat(IdxFolder.load(folder, "tiny", set.classNames()).train().size()).isEqualTo(3);
  }

  @Test
  void anEndlessBodyIsCutOffAtTheKnownSizeWithItsMargin() {
    assertThatThrownBy(
            () ->
                downloader()
                    .download(
                        List.of(base + "/endless/"),
                        "data.gz",
                        sha256(BODY),
                        BODY.length,
                        cache,
                        Downloader.Progress.NONE))
        .isInstanceOf(BadInputException.class)
        .hasMessageMatching(
            ".*/endless/data\\.gz: sends at least \\d+ bytes; expected at most "
                + Downloader.cap(BODY.length)
                + " for this file");
    assertThat(requests.get()).isEqualTo(1);
    assertThat(cache).isEmptyDirectory();
  }

  @Test
  void anAnnouncedLengthBeyondTheCapIsRefusedBeforeReading() {
    assertThatThrownBy(
            () ->
                downloader()
                    .download(
                        List.of(base + "/announced-huge/"),
                        "data.gz",
                        sha256(BODY),
                        BODY.length,
                        cache,
                        Downloader.Progress.NONE))
        .hasMessageContaining("sends at least " + (1L << 40) + " bytes");
    assertThat(cache).isEmptyDirectory();
  }

  @Test
  void concurrentDownloadsOfOneFileNeverShareATemporaryFile() throws Exception {
    Digest digest = sha256(BODY);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Path>> all = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        all.add(
            pool.submit(
                () ->
                    downloader()
                        .download(
                            List.of(base + "/good/"),
                            "data.gz",
                            digest,
                            BODY.length,
                            cache,
                            Downloader.Progress.NONE)));
      }
      for (var f : all) {
        assertThat(Files.readAllBytes(f.get())).isEqualTo(BODY);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(cacheFiles()).containsExactly("data.gz");
  }

  @Test
  void aDamagedCachedFileIsDownloadedAgainOrRefusedOffline() throws Exception {
    Path served = cache.resolve("served");
    IdxReaderTest.writeValidSet(served);
    server.createContext(
        "/set2/",
        exchange -> {
          requests.incrementAndGet();
          byte[] bytes =
              Files.readAllBytes(served.resolve(exchange.getRequestURI().getPath().substring(6)));
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    List<Digest> digests = new java.util.ArrayList<>();
    List<Long> sizes = new java.util.ArrayList<>();
    for (String f : IdxSet.FILES) {
      digests.add(sha256(Files.readAllBytes(served.resolve(f))));
      sizes.add(Files.size(served.resolve(f)));
    }
    IdxSet set =
        new IdxSet(
            "tiny2", IdxSet.MNIST.classNames(), null, List.of(base + "/set2/"), digests, sizes);
    Path folder = cache.resolve("tiny2");
    DataSource.fetch(set, folder, downloader(), Downloader.Progress.NONE);
    assertThat(requests.get()).isEqualTo(4);
    DataSource.fetch(set, folder, downloader(), Downloader.Progress.NONE);
    assertThat(requests.get()).as("verified files are kept").isEqualTo(4);
    Path labels = folder.resolve(IdxSet.FILES.get(1));
    byte[] good = Files.readAllBytes(labels);
    byte[] damaged = good.clone();
    damaged[damaged.length - 1] ^= 1;
    Files.write(labels, damaged);
    DataSource.fetch(set, folder, downloader(), Downloader.Progress.NONE);
    assertThat(requests.get()).as("the damaged file is fetched again").isEqualTo(5);
    assertThat(Files.readAllBytes(labels)).isEqualTo(good);
  }

  @Test
  void offlineADamagedCacheIsRefusedNamingTheFile() throws Exception {
    Path root = cache.resolve("root");
    Path folder = root.resolve("mnist");
    Files.createDirectories(folder);
    for (String f : IdxSet.FILES) {
      Files.write(folder.resolve(f), new byte[] {1, 2, 3});
    }
    assertThatThrownBy(
            () ->
                DataSource.load(
                    "mnist",
                    new DataLocations(null, null, root),
                    true,
                    new DataSource.CsvOptions(null, null),
                    downloader(),
                    Downloader.Progress.NONE))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(
            folder.resolve(IdxSet.FILES.get(0))
                + ": does not match its published checksum SHA-256 440fcabf");
  }
}

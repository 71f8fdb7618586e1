package dev.gakushu.data;

import dev.gakushu.BadInputException;
import dev.gakushu.files.AtomicFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Downloads a file into a cache folder so that the folder only ever holds complete, verified files:
 * the body is streamed into a temporary file of this download's own ({@code .NAME.<random>.part},
 * see {@link AtomicFile}) in the same folder while its checksum is computed, cut off as soon as it
 * exceeds the file's known size plus a margin ({@link #cap}), and renamed into place only when the
 * checksum matches. A dropped connection is retried; a missing file (HTTP 4xx) or a wrong checksum
 * moves on to the next mirror. When every attempt fails, nothing is left behind and the error names
 * each URL and what went wrong.
 */
public final class Downloader {
  /** Hears how a download advances; the command line draws a progress bar from it. */
  public interface Progress {
    /**
     * @param totalBytes the announced length, or −1 if unknown
     */
    void started(String url, long totalBytes);

    void advanced(long bytesSoFar);

    void finished();

    Progress NONE =
        new Progress() {
          @Override
          public void started(String url, long totalBytes) {}

          @Override
          public void advanced(long bytesSoFar) {}

          @Override
          public void finished() {}
        };
  }

  private final HttpClient client;
  private final int attemptsPerMirror;
  private final Duration timeout;

  /**
   * @param attemptsPerMirror tries per URL when the connection drops, at least 1
   * @param timeout for connecting and for the response headers
   */
  public Downloader(int attemptsPerMirror, Duration timeout) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.attemptsPerMirror = Math.max(1, attemptsPerMirror);
    this.timeout = timeout;
  }

  /** Three attempts per mirror, 30 s timeouts. */
  public static Downloader standard() {
    return new Downloader(3, Duration.ofSeconds(30));
  }

  /**
   * Fetches {@code fileName} from the first mirror that serves it with the expected checksum and
   * stores it as {@code folder/fileName}.
   *
   * @param mirrors base URLs, each ending in '/'
   * @param knownSize the file's published size in bytes
   * @throws BadInputException naming every URL tried and why it failed; the folder is unchanged
   */
  public Path download(
      List<String> mirrors,
      String fileName,
      Digest digest,
      long knownSize,
      Path folder,
      Progress progress) {
    List<String> failures = new ArrayList<>();
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new BadInputException(
          "cannot create the cache folder " + folder + ": " + e.getMessage(), e);
    }
    Path target = folder.resolve(fileName);
    long cap = cap(knownSize);
    for (String mirror : mirrors) {
      String url = mirror + fileName;
      for (int attempt = 1; attempt <= attemptsPerMirror; attempt++) {
        try (AtomicFile temp = AtomicFile.create(target, ".part")) {
          Outcome outcome = fetch(url, temp, digest, cap, progress);
          if (outcome == Outcome.OK) {
            temp.commit();
            return target;
          }
          failures.add(url + ": " + outcome.message);
          break;
        } catch (IOException e) {
          failures.add(url + ": attempt " + attempt + " failed (" + describe(e) + ")");
        } catch (Refused e) {
          failures.add(url + ": " + e.getMessage());
          break;
        }
      }
    }
    throw new BadInputException(
        "cannot download " + fileName + " with " + digest + ": " + String.join("; ", failures));
  }

  private enum Outcome {
    OK(""),
    NOT_FOUND("not found (HTTP 404)"),
    REFUSED("refused by the server");

    final String message;

    Outcome(String message) {
      this.message = message;
    }
  }

  /** A body that is not the file: a wrong checksum or more bytes than the file can have. */
  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  /**
   * The most bytes a download of a file of {@code knownSize} bytes may bring: the size plus 1/16
   * and 64 KiB, room for a re-compressed copy, never an endless body.
   */
  public static long cap(long knownSize) {
    return knownSize + knownSize / 16 + (64 << 10);
  }

  private Outcome fetch(String url, AtomicFile temp, Digest digest, long cap, Progress progress)
      throws IOException, Refused {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      if (status == 404) {
        return Outcome.NOT_FOUND;
      }
      if (status >= 500) {
        throw new IOException("HTTP " + status);
      }
      if (status != 200) {
        return Outcome.REFUSED;
      }
      long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (total > cap) {
        throw tooLarge(total, cap);
      }
      progress.started(url, total);
      MessageDigest md = digest.newDigester();
      long received = 0;
      try {
        OutputStream out = temp.stream();
        byte[] buffer = new byte[1 << 16];
        for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
          if (received + n > cap) {
            throw tooLarge(received + n, cap);
          }
          out.write(buffer, 0, n);
          md.update(buffer, 0, n);
          received += n;
          progress.advanced(received);
        }
      } finally {
        progress.finished();
      }
      if (total >= 0 && received != total) {
        throw new IOException("connection closed after " + received + " of " + total + " bytes");
      }
      String actual = HexFormat.of().formatHex(md.digest());
      if (!digest.matches(actual)) {
        throw new Refused("checksum mismatch, expected " + digest + " but got " + actual);
      }
      return Outcome.OK;
    }
  }

  private static Refused tooLarge(long bytes, long cap) {
    return new Refused(
        "sends at least " + bytes + " bytes; expected at most " + cap + " for this file");
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}

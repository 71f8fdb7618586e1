package dev.gakushu.dashboard;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client of {@code /api/events}: the events the poller meant for it, written by a thread of its
 * own. When nothing was written for {@value #PING_MILLIS} ms it writes a comment, so a client that
 * went away is noticed within about two of them (a write to a closed connection fails). A client
 * that leaves more than {@value #MAX_PENDING} bytes unread is cut off.
 */
final class EventStream {
  static final long PING_MILLIS = 500;
  static final long MAX_PENDING = 8 << 20;
  private static final byte[] PING = ":\n\n".getBytes(StandardCharsets.UTF_8);

  /** The run it shows, or null for the list of runs only. */
  final Path dir;

  /** The byte offset of each line file it has been sent up to (the poller's thread only). */
  final Map<String, Long> positions = new HashMap<>();

  private final HttpExchange exchange;
  private final Replies replies;
  private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
  private final AtomicLong pending = new AtomicLong();
  private Thread writer;
  private boolean closed;

  EventStream(HttpExchange exchange, Path dir, Replies replies) {
    this.exchange = exchange;
    this.dir = dir;
    this.replies = replies;
  }

  /** Queues one event; never blocks. */
  void send(String event, String data) {
    if (isClosed()) {
      return;
    }
    byte[] bytes =
        ("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    if (pending.addAndGet(bytes.length) > MAX_PENDING) {
      replies.log(exchange, "closed: the client left more than 8 MiB of events unread");
      close();
      return;
    }
    queue.add(bytes);
  }

  /** Writes the events until the client goes away or {@link #close} is called, then ends. */
  void run() {
    synchronized (this) {
      writer = Thread.currentThread();
    }
    try {
      OutputStream out = exchange.getResponseBody();
      while (!isClosed()) {
        byte[] bytes = queue.poll(PING_MILLIS, TimeUnit.MILLISECONDS);
        if (bytes == null) {
          bytes = PING;
        } else {
          pending.addAndGet(-bytes.length);
        }
        out.write(bytes);
        out.flush();
      }
    } catch (IOException | InterruptedException gone) {
      // the client went away, or the stream was closed
    } finally {
      synchronized (this) {
        closed = true;
        writer = null;
      }
      // interrupted, the connection's channel closes at once instead of ending the response with
      // a write that a client that does not read could block
      Thread.currentThread().interrupt();
      exchange.close();
      Thread.interrupted();
    }
  }

  /** Ends the stream: wakes its thread, or breaks the write it is blocked in. */
  synchronized void close() {
    closed = true;
    if (writer != null) {
      writer.interrupt();
    }
  }

  synchronized boolean isClosed() {
    return closed;
  }
}

package dev.gakushu.dashboard;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Logs the requests the JDK's HTTP server refuses before a handler sees them (a request line it
 * cannot parse, such as malformed percent-encoding: it answers 400 itself and says so only at its
 * DEBUG level). Its logger's debug records are read here, and a refusal is logged by the dashboard
 * whose HTTP thread made it (each dashboard's threads carry its port in their name). The token is
 * never logged.
 */
final class JdkRefusals {
  /**
   * {@code ServerImpl.logReply} of a refusal: "REQUEST LINE [400 Bad Request] (reason)"; a reply
   * from a handler has no reason.
   */
  private static final Pattern REFUSAL = Pattern.compile("(.*) \\[(4\\d\\d) [^]]*] \\((.+)\\)");

  private static final Pattern TOKEN = Pattern.compile("token=[^&\\s]*");
  private static final Map<String, Consumer<String>> LOGS = new ConcurrentHashMap<>();

  /** Kept here: a logger's level and handlers last only as long as it is referenced. */
  private static final Logger JDK = Logger.getLogger("com.sun.net.httpserver");

  static {
    JDK.addHandler(
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            Consumer<String> log = LOGS.get(Thread.currentThread().getName());
            Matcher m = REFUSAL.matcher(r.getMessage() == null ? "" : r.getMessage());
            if (log != null && r.getLevel().equals(Level.FINE) && m.matches()) {
              log.accept(
                  Replies.printable(TOKEN.matcher(m.group(1)).replaceAll("token=…"))
                      + ": "
                      + m.group(2)
                      + " "
                      + m.group(3));
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        });
    if (!JDK.isLoggable(Level.FINE)) {
      JDK.setLevel(Level.FINE);
    }
  }

  private JdkRefusals() {}

  /** Sends the refusals made on threads named {@code thread} to {@code log}. */
  static void relay(String thread, Consumer<String> log) {
    LOGS.put(thread, log);
  }

  static void stop(String thread) {
    LOGS.remove(thread);
  }
}

package dev.gakushu.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) and SIGTERM while a command works toward a point where it can stop and be
 * resumed. The JVM answers either signal by running its shutdown hooks and then halting with 128 +
 * the signal's number (130, 143); the hook installed here asks the command to stop ({@link
 * #requested}) and holds the JVM, at most {@link #GRACE_SECONDS} seconds, until the command has
 * written its files and printed its line ({@link #close}). Hooks run on threads of their own,
 * concurrently with the command's thread: the latch is the only thing they share besides the flag.
 */
final class Interruption implements AutoCloseable {
  /** How long a stop may take (the step under way, a checkpoint) before the JVM halts anyway. */
  static final long GRACE_SECONDS = 60;

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread hook = new Thread(this::stopAndWait, "gakushu-interruption");
  private volatile boolean requested;

  private Interruption() {}

  /** Starts listening for the signals until {@link #close}. */
  static Interruption install() {
    Interruption interruption = new Interruption();
    Runtime.getRuntime().addShutdownHook(interruption.hook);
    return interruption;
  }

  /** Whether a signal asked the command to stop. */
  boolean requested() {
    return requested;
  }

  private void stopAndWait() {
    requested = true;
    try {
      if (!stopped.await(GRACE_SECONDS, TimeUnit.SECONDS)) {
        System.err.println(
            "gakushu: did not reach a checkpoint within "
                + GRACE_SECONDS
                + " s of the signal; stopped without writing one (the files written before are"
                + " intact)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The command is done (stopped or finished): a waiting hook lets the JVM end. */
  @Override
  public void close() {
    stopped.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running, and returns now
    }
  }
}

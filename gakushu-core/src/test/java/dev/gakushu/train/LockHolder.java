package dev.gakushu.train;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A process of its own that holds a run directory's lock: it claims the folder given as its
 * argument, says "held" and keeps the lock until its standard input ends.
 */
final class LockHolder {
  private LockHolder() {}

  public static void main(String[] args) throws IOException {
    RunLock lock = RunLock.acquire(Path.of(args[0]), false);
    try {
      System.out.println("held");
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the test to let go
      }
    } finally {
      lock.close();
    }
  }
}

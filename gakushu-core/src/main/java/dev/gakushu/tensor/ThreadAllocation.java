package dev.gakushu.tensor;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** The bytes the calling thread has allocated, as HotSpot counts them. */
public final class ThreadAllocation {
  /** HotSpot's bean, or null on a JVM without it; looked up once (the lookup allocates). */
  private static final com.sun.management.ThreadMXBean THREADS = hotSpotBean();

  private ThreadAllocation() {}

  private static com.sun.management.ThreadMXBean hotSpotBean() {
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    return bean instanceof com.sun.management.ThreadMXBean threads
            && threads.isThreadAllocatedMemorySupported()
            && threads.isThreadAllocatedMemoryEnabled()
        ? threads
        : null;
  }

  /**
   * The bytes the calling thread has allocated so far, or -1 where the JVM does not count them.
   * Allocates nothing itself.
   */
  public static long bytes() {
    return THREADS == null ? -1 : THREADS.getCurrentThreadAllocatedBytes();
  }
}

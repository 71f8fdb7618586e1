package dev.gakushu.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.BadInputException;
import dev.gakushu.run.LockFile;
import dev.gakushu.run.RunFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The claim of one process on a run directory: the file {@link RunFile#LOCK}, holding the owner's
 * PID and host ({@link LockFile}), with an operating-system lock on it for as long as the run
 * lasts. The lock, not the file, is the claim: a process killed with SIGKILL loses it at once, so
 * its run can be resumed, while a live owner refuses every other process, whose error names the
 * owner.
 */
final class RunLock implements AutoCloseable {
  static final String FILE = RunFile.LOCK;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Claims {@code dir}.
   *
   * @param fresh whether the lock file must not exist yet (a new run: a file already there means
   *     another process got to the empty folder first)
   * @throws BadInputException naming the owner when another process holds the folder
   */
  static RunLock acquire(Path dir, boolean fresh) {
    Path file = dir.resolve(FILE);
    Path claim = fresh ? dir.resolve("." + FILE + "." + ProcessHandle.current().pid()) : file;
    FileChannel channel;
    try {
      channel =
          FileChannel.open(
              claim,
              fresh ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              LinkOption.NOFOLLOW_LINKS);
    } catch (FileAlreadyExistsException e) {
      throw taken(dir, file);
    } catch (IOException e) {
      throw new BadInputException("cannot create " + claim + ": " + e.getMessage(), e);
    }
    try {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this very process, e.g. a second command in the same JVM
      }
      if (lock == null) {
        channel.close();
        throw taken(dir, file);
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(JSON.writeValueAsBytes(LockFile.toJson(LockFile.Owner.thisProcess()))));
      channel.force(false);
      if (fresh) {
        publish(dir, claim, file, channel);
      }
      return new RunLock(file, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new BadInputException("cannot lock " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether {@code file} is a claim that a process is about to publish as the lock file (a folder
   * holding only claims counts as empty: whoever publishes first owns it).
   */
  static boolean isClaim(Path file) {
    return file.getFileName().toString().startsWith("." + FILE + ".");
  }

  /**
   * Gives the locked claim file its public name with a hard link, which fails if the name exists:
   * the lock file appears already locked and naming its owner, so no other process ever sees it
   * half made.
   */
  private static void publish(Path dir, Path claim, Path file, FileChannel channel)
      throws IOException {
    try {
      Files.createLink(file, claim);
    } catch (FileAlreadyExistsException e) {
      closeQuietly(channel);
      throw taken(dir, file);
    } finally {
      Files.deleteIfExists(claim);
    }
  }

  /**
   * Whether a live process holds {@code dir}'s lock (a lock file left by a killed process is not
   * held).
   */
  static boolean isHeld(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      FileLock probe = channel.tryLock();
      if (probe == null) {
        return true;
      }
      probe.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The refusal: the folder and, when the lock file says, its owner. */
  static BadInputException taken(Path dir, Path file) {
    String who = "another process";
    try {
      LockFile.Owner owner =
          LockFile.parse(JSON.readTree(Files.readString(file, StandardCharsets.UTF_8)));
      if (owner != null) {
        who = "process " + owner.pid() + " on " + owner.host();
      }
    } catch (IOException | RuntimeException unreadable) {
      // a resumed run's owner is writing its name this instant
    }
    return new BadInputException(
        dir
            + " is in use by "
            + who
            + " (it holds "
            + file.getFileName()
            + "); expected a run directory that no other process is writing");
  }

  /** Releases the claim and removes the lock file. */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
      lock.release();
    } catch (IOException e) {
      // the lock goes with the process anyway
    } finally {
      closeQuietly(channel);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing held any more
    }
  }
}

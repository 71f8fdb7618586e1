package dev.gakushu.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A file written whole or not at all: the bytes go to a temporary file in the target's folder with
 * a name no other writer uses ({@code .NAME.<random>.SUFFIX}, created with {@code CREATE_NEW} and
 * without following symbolic links), which is forced to disk and renamed over the target; then the
 * folder is forced too, so the rename itself survives a power cut. Two processes writing the same
 * target never share a temporary file, and a link planted under a temporary name is never written
 * through.
 *
 * <p>A file system that cannot rename atomically is refused ({@link
 * AtomicMoveNotSupportedException} with the folder named): a plain move could leave half a file
 * behind. Forcing a folder works on Linux and macOS; where a folder cannot be opened for it
 * (Windows), the rename is as durable as the platform makes it. A process killed between creating
 * and renaming leaves its temporary file; {@link #removeLeftovers} deletes those of a folder its
 * caller owns.
 */
public final class AtomicFile implements AutoCloseable {
  /** A temporary name of {@link #create}: a dot, the target's name, 16 hex digits, a suffix. */
  private static final Pattern LEFTOVER = Pattern.compile("\\..+\\.[0-9a-f]{16}\\.tmp");

  private final Path target;
  private final Path temp;
  private final FileChannel channel;
  private boolean committed;

  private AtomicFile(Path target, Path temp, FileChannel channel) {
    this.target = target;
    this.temp = temp;
    this.channel = channel;
  }

  /** Opens a fresh temporary file for {@code target}, named with {@code suffix} (e.g. ".part"). */
  public static AtomicFile create(Path target, String suffix) throws IOException {
    Path folder = target.toAbsolutePath().getParent();
    for (int attempt = 0; ; attempt++) {
      Path temp =
          folder.resolve(
              "."
                  + target.getFileName()
                  + "."
                  + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
                  + suffix);
      try {
        FileChannel channel =
            FileChannel.open(
                temp,
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        return new AtomicFile(target, temp, channel);
      } catch (FileAlreadyExistsException taken) {
        if (attempt > 100) {
          throw taken;
        }
      }
    }
  }

  /** What writes {@code target}'s bytes. */
  public interface Body {
    void writeTo(FileChannel out) throws IOException;
  }

  /** Writes {@code target} atomically with the bytes {@code body} writes. */
  public static void write(Path target, Body body) throws IOException {
    try (AtomicFile file = create(target, ".tmp")) {
      body.writeTo(file.channel());
      file.commit();
    }
  }

  /** Writes {@code target} atomically with {@code bytes}. */
  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, out -> Channels.newOutputStream(out).write(bytes));
  }

  /** The temporary file's channel, for writing. */
  public FileChannel channel() {
    return channel;
  }

  /** A stream onto {@link #channel()}; closing it closes the channel. */
  public OutputStream stream() {
    return Channels.newOutputStream(channel);
  }

  /** The temporary file's path. */
  public Path temp() {
    return temp;
  }

  /** Forces the bytes to disk and renames the temporary file over the target. */
  public void commit() throws IOException {
    channel.force(true);
    channel.close();
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new AtomicMoveNotSupportedException(
          temp.toString(),
          target.toString(),
          "the file system of "
              + target.toAbsolutePath().getParent()
              + " cannot rename a file atomically; write to a local folder");
    }
    committed = true;
    forceFolder(target.toAbsolutePath().getParent());
  }

  /**
   * Forces the folder's entries (a rename into it) to disk. Where a folder cannot be opened for
   * that (Windows), this does nothing.
   */
  static void forceFolder(Path folder) throws IOException {
    FileChannel dir;
    try {
      dir = FileChannel.open(folder, StandardOpenOption.READ);
    } catch (IOException | UnsupportedOperationException notOnThisPlatform) {
      return;
    }
    try (dir) {
      dir.force(true);
    }
  }

  /**
   * Deletes the temporary files that writers killed before their rename left in {@code folder}
   * (names of the form {@code .NAME.<16 hex digits>.tmp}); only for a folder this process owns,
   * where no other writer is at work.
   *
   * @return the files deleted
   */
  public static List<Path> removeLeftovers(Path folder) throws IOException {
    List<Path> removed = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.toList()) {
        if (LEFTOVER.matcher(f.getFileName().toString()).matches()
            && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
          Files.delete(f);
          removed.add(f);
        }
      }
    }
    return removed;
  }

  /** Closes the channel and, unless committed, deletes the temporary file. */
  @Override
  public void close() throws IOException {
    channel.close();
    if (!committed) {
      Files.deleteIfExists(temp);
    }
  }
}

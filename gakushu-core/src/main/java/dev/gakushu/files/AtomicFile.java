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
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file written whole or not at all: the bytes go to a temporary file in the target's folder with
 * a name no other writer uses ({@code .NAME.<random>.SUFFIX}, created with {@code CREATE_NEW} and
 * without following symbolic links), which is forced to disk and renamed over the target. Two
 * processes writing the same target never share a temporary file, and a link planted under a
 * temporary name is never written through.
 */
public final class AtomicFile implements AutoCloseable {
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
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    committed = true;
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

package dev.gakushu.tensorboard;

import dev.gakushu.io.ProtoWriter;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A TensorBoard event file, {@code events.out.tfevents.<seconds>.gakushu.<pid>}: TFRecords of
 * {@code tensorboard.Event} messages (event.proto: wall_time = 1 double, step = 2 int64,
 * file_version = 3 string, summary = 5). The first event names the file version {@code
 * brain.Event:2}; each later one holds a {@code Summary} (summary.proto: value = 1, repeated; a
 * Value has tag = 1, simple_value = 2 float or histo = 5, a {@code HistogramProto}: min = 1, max =
 * 2, num = 3, sum = 4, sum_squares = 5, bucket_limit = 6 and bucket = 7 as packed doubles).
 */
public final class EventFileWriter implements Closeable {
  private final Path file;
  private final TfRecordWriter records;

  private EventFileWriter(Path file, TfRecordWriter records) {
    this.file = file;
    this.records = records;
  }

  /**
   * Creates a new event file in {@code directory} (made if missing) and writes its version event.
   */
  public static EventFileWriter createIn(Path directory) {
    long seconds = System.currentTimeMillis() / 1000;
    String base = "events.out.tfevents." + seconds + ".gakushu." + ProcessHandle.current().pid();
    try {
      Files.createDirectories(directory);
      for (int attempt = 1; ; attempt++) {
        Path file = directory.resolve(attempt == 1 ? base : base + "." + attempt);
        try {
          EventFileWriter writer =
              new EventFileWriter(
                  file,
                  new TfRecordWriter(
                      new BufferedOutputStream(
                          Files.newOutputStream(file, StandardOpenOption.CREATE_NEW))));
          writer.write(event(0).string(3, "brain.Event:2"));
          writer.flush();
          return writer;
        } catch (FileAlreadyExistsException taken) {
          // a run resumed within the same second: try the next suffix
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create an event file in " + directory, e);
    }
  }

  public Path file() {
    return file;
  }

  /** One scalar, e.g. {@code epoch_loss}, at {@code step}. */
  public void scalar(String tag, long step, double value) {
    ProtoWriter v = new ProtoWriter().string(1, tag).float32(2, (float) value);
    write(event(step).message(5, new ProtoWriter().message(1, v)));
  }

  /**
   * One histogram at {@code step}: {@code num} values with the given sum and sum of squares, in
   * buckets whose right edges are {@code bucketLimits} (the first bucket starts at {@code min}).
   */
  public void histogram(
      String tag,
      long step,
      double min,
      double max,
      double num,
      double sum,
      double sumSquares,
      double[] bucketLimits,
      double[] counts) {
    ProtoWriter histo =
        new ProtoWriter()
            .double64(1, min)
            .double64(2, max)
            .double64(3, num)
            .double64(4, sum)
            .double64(5, sumSquares)
            .packedDoubles(6, bucketLimits)
            .packedDoubles(7, counts);
    ProtoWriter v = new ProtoWriter().string(1, tag).message(5, histo);
    write(event(step).message(5, new ProtoWriter().message(1, v)));
  }

  /** Makes what was written readable by TensorBoard now. */
  public void flush() {
    try {
      records.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  @Override
  public void close() {
    try {
      records.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file, e);
    }
  }

  private static ProtoWriter event(long step) {
    return new ProtoWriter().double64(1, System.currentTimeMillis() / 1000.0).varint(2, step);
  }

  private void write(ProtoWriter event) {
    try {
      records.write(event.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}

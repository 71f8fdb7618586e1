package dev.gakushu.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.data.DataLocations;
import dev.gakushu.data.DataSource;
import dev.gakushu.data.Downloader;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench}'s data workload: the seconds to load a data set (the median of the repetitions) and
 * the heap its loaded values hold, as a sentence or a JSON object.
 */
final class DataBench {
  private final PrintWriter out;
  private final boolean json;
  private final int repeat;

  DataBench(PrintWriter out, boolean json, int repeat) {
    this.out = out;
    this.json = json;
    this.repeat = repeat;
  }

  void run(String workload, String data) throws JsonProcessingException {
    Map<String, Object> result = load(data);
    if (json) {
      out.println(new ObjectMapper().writeValueAsString(result));
      return;
    }
    out.printf(
        Locale.ROOT,
        "%s: loaded %s (%s + %s rows) in %.2f s (median of %d); heap held by the data %.1f MiB, "
            + "%.2f bytes per pixel%n",
        workload,
        result.get("data"),
        result.get("train_rows"),
        result.get("test_rows"),
        (Double) result.get("seconds"),
        repeat,
        (Double) result.get("heap_mib"),
        (Double) result.get("bytes_per_value"));
  }

  private Map<String, Object> load(String data) {
    List<Double> seconds = new ArrayList<>();
    DataSource loaded = null;
    long heap = 0;
    for (int i = 0; i < repeat; i++) {
      loaded = null;
      long before = usedHeapAfterGc();
      long start = System.nanoTime();
      loaded =
          DataSource.load(
              data,
              DataLocations.fromEnvironment(null),
              true,
              new DataSource.CsvOptions(null, null),
              Downloader.standard(),
              Downloader.Progress.NONE);
      seconds.add((System.nanoTime() - start) / 1e9);
      heap = usedHeapAfterGc() - before;
    }
    seconds.sort(null);
    long values =
        (long) loaded.pool().size() * loaded.pool().featureCount()
            + (loaded.test() == null
                ? 0
                : (long) loaded.test().size() * loaded.test().featureCount());
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("workload", "data");
    r.put("data", loaded.name());
    r.put("train_rows", loaded.pool().size());
    r.put("test_rows", loaded.test() == null ? 0 : loaded.test().size());
    r.put("seconds", seconds.get(seconds.size() / 2));
    r.put("heap_mib", heap / (1024.0 * 1024));
    r.put("bytes_per_value", (double) heap / values);
    return r;
  }

  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}

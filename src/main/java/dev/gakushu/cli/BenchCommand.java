package dev.gakushu.cli;

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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures Gakushu on this machine. Workloads:",
                "  data  loading Fashion-MNIST (or --data): seconds and heap held by the loaded data."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workload", defaultValue = "data", split = ",", paramLabel = "NAME",
            description = "Workloads to run, comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> workloads;

    @Option(names = "--data", defaultValue = "fashion-mnist", paramLabel = "SOURCE",
            description = "The data the data workload loads (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--repeat", defaultValue = "3", paramLabel = "N", description = "Repetitions; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--json", description = "Print one JSON object per workload instead of a sentence.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Checks.atLeast(spec, "--repeat", repeat, 1);
        for (String w : workloads) {
            if (!w.equals("data")) {
                throw Checks.invalid(spec, "--workload", "'" + w + "'", "data");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        for (String w : workloads) {
            Map<String, Object> result = dataLoad();
            if (json) {
                out.println(new ObjectMapper().writeValueAsString(result));
            } else {
                out.printf(Locale.ROOT, "%s: loaded %s (%d + %d rows) in %.2f s (median of %d); heap held by the data %.1f MiB, "
                                + "%.2f bytes per pixel%n", w, result.get("data"), result.get("train_rows"), result.get("test_rows"),
                        result.get("seconds"), repeat, result.get("heap_mib"), result.get("bytes_per_value"));
            }
        }
        return 0;
    }

    private Map<String, Object> dataLoad() {
        List<Double> seconds = new ArrayList<>();
        DataSource loaded = null;
        long heap = 0;
        for (int i = 0; i < repeat; i++) {
            loaded = null;
            long before = usedHeapAfterGc();
            long start = System.nanoTime();
            loaded = DataSource.load(data, DataLocations.fromEnvironment(null), true, new DataSource.CsvOptions(null, null),
                    Downloader.standard(), Downloader.Progress.NONE);
            seconds.add((System.nanoTime() - start) / 1e9);
            heap = usedHeapAfterGc() - before;
        }
        seconds.sort(null);
        long values = (long) loaded.pool().size() * loaded.pool().featureCount()
                + (loaded.test() == null ? 0 : (long) loaded.test().size() * loaded.test().featureCount());
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

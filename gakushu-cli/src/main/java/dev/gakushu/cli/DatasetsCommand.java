package dev.gakushu.cli;

import dev.gakushu.BadInputException;
import dev.gakushu.data.DataLocations;
import dev.gakushu.data.Dataset;
import dev.gakushu.data.EmbeddedDigits;
import dev.gakushu.data.IdxFolder;
import dev.gakushu.data.IdxReader;
import dev.gakushu.data.IdxSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "datasets",
    footerHeading = "%nExamples:%n",
    footer = {
      "  gakushu datasets",
    },
    mixinStandardHelpOptions = true,
    description = {"Lists the known data sets: where each is, its size and classes."})
final class DatasetsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "First folder to look in, as for train.")
  Path dataDir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    DataLocations locations = DataLocations.fromEnvironment(dataDir);
    Dataset digits = EmbeddedDigits.load();
    row(
        out,
        EmbeddedDigits.NAME,
        "embedded in the jar",
        digits.size() + " (no own test part)",
        digits.featureCount() + "",
        digits.classNames());
    for (IdxSet set : IdxSet.KNOWN) {
      Path folder = locations.find(set);
      if (folder == null) {
        row(
            out,
            set.name(),
            "not on this machine; train downloads it into " + locations.cacheFolder(set),
            "-",
            "-",
            set.classNames());
        continue;
      }
      try {
        IdxReader.Images train =
            IdxReader.readImageHeader(IdxFolder.find(folder, IdxSet.FILES.get(0)));
        IdxReader.Images test =
            IdxReader.readImageHeader(IdxFolder.find(folder, IdxSet.FILES.get(2)));
        row(
            out,
            set.name(),
            folder.toString(),
            train.count() + " train, " + test.count() + " test",
            train.rows() * train.cols() + "",
            set.classNames());
      } catch (BadInputException e) {
        row(
            out,
            set.name(),
            folder + " (unreadable: " + e.getMessage() + ")",
            "-",
            "-",
            set.classNames());
      }
    }
    return 0;
  }

  private static void row(
      PrintWriter out,
      String name,
      String where,
      String rows,
      String features,
      List<String> classes) {
    out.printf(Locale.ROOT, "%-14s %s%n", name, where);
    out.printf(
        Locale.ROOT,
        "%-14s rows: %s; features: %s; %d classes: %s%n",
        "",
        rows,
        features,
        classes.size(),
        String.join(", ", classes));
  }
}

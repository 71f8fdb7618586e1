package dev.gakushu.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gakushu.observe.LineFollower;
import dev.gakushu.observe.RunInfo;
import dev.gakushu.report.Numbers;
import dev.gakushu.run.RunFile;
import java.io.IOException;
import java.nio.file.Path;

/** The JSON the page reads: the list of runs, and one run's files. */
final class RunJson {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private RunJson() {}

  /** Every run and search, as {@code gakushu runs} lists them (time_shown as it prints it). */
  static ArrayNode runs(RunsFolder folder) {
    ArrayNode runs = JSON.arrayNode();
    for (RunInfo r : folder.runs()) {
      ObjectNode o = runs.addObject();
      o.put("id", folder.id(r.dir()));
      o.put("kind", r.kind());
      o.put("time", r.time().toString());
      o.put("time_shown", Numbers.time(r.time()));
      o.put("command", r.command());
      o.put("data", r.data());
      o.put("network", r.network());
      o.put("optimizer", r.optimizer());
      o.put("epochs", r.epochs());
      putNumber(o, "best_validation", r.bestValidation());
      putNumber(o, "test_accuracy", r.testAccuracy());
      o.put("status", r.status().label());
    }
    return runs;
  }

  private static void putNumber(ObjectNode o, String name, double value) {
    if (Double.isNaN(value)) {
      o.putNull(name);
    } else {
      o.put(name, value);
    }
  }

  /** One run's files, with the byte offsets its line files were read up to. */
  static ObjectNode run(RunsFolder folder, String id) throws IOException {
    if (id == null) {
      throw new Query.BadRequest("no id= given");
    }
    Path dir = folder.run(id);
    RunInfo info = folder.info(dir);
    if (info == null) {
      throw new RunsFolder.NotFound("no run " + id);
    }
    ObjectNode run = JSON.objectNode();
    run.put("id", folder.id(dir));
    run.put("kind", info.kind());
    run.put("status", info.status().label());
    run.set("config", RunsFolder.object(dir, RunInfo.CONFIG));
    run.set("summary", RunsFolder.object(dir, RunFile.SUMMARY));
    run.set("results", RunsFolder.object(dir, RunFile.RESULTS));
    ObjectNode offsets = run.putObject("offsets");
    for (String name : Watch.FOLLOWED) {
      LineFollower lines = folder.lines(dir, Watch.file(name), 0);
      ArrayNode array = run.putArray(name);
      lines.rest().forEach(line -> array.add(line.json()));
      offsets.put(name, lines.offset());
    }
    return run;
  }
}

package dev.gakushu.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.data.DataAccess;
import dev.gakushu.data.DataLocations;
import dev.gakushu.data.Downloader;
import dev.gakushu.report.ExperimentResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The experiments at their quick size on the digits give the same bits on 1, 2 and 3 threads (the
 * networks of a comparison then run one after the other, two or three at once), and the bits they
 * gave before their networks ran at once (recorded from the sequential version, commit abe53fc,
 * with {@code gakushu experiment all --quick --data digits}; recorded again, once, when Gakushu's
 * own Gaussian sampler and exp, sigmoid and tanh replaced the JDK's, which changed every number).
 */
class ExperimentThreadsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;

  private static final Map<Integer, Map<String, JsonNode>> BY_THREADS = new LinkedHashMap<>();

  @BeforeAll
  static void runEveryExperimentOnOneTwoAndThreeThreads() {
    BookData digits =
        BookData.load(
            "digits",
            new DataAccess(
                new DataLocations(null, null, tmp.resolve("cache")),
                true,
                Downloader.Progress.NONE));
    for (int threads = 1; threads <= 3; threads++) {
      Map<String, JsonNode> results = new LinkedHashMap<>();
      for (Experiment e : Experiments.all()) {
        ExperimentResult r = e.run(digits, true, 42, threads);
        results.put(
            e.name(),
            JSON.createObjectNode()
                .<com.fasterxml.jackson.databind.node.ObjectNode>set(
                    "data", JSON.valueToTree(r.data()))
                .<com.fasterxml.jackson.databind.node.ObjectNode>set(
                    "findings", JSON.valueToTree(r.findings()))
                .set("config", JSON.valueToTree(r.config())));
      }
      BY_THREADS.put(threads, results);
    }
  }

  @Test
  void everyNumberIsTheSameOnAnyNumberOfThreads() {
    Map<String, JsonNode> one = BY_THREADS.get(1);
    for (int threads = 2; threads <= 3; threads++) {
      for (Map.Entry<String, JsonNode> e : BY_THREADS.get(threads).entrySet()) {
        assertThat(firstDifference(e.getValue(), one.get(e.getKey()), ""))
            .as("%s on %d threads against 1 thread", e.getKey(), threads)
            .isNull();
      }
    }
  }

  @Test
  void theNumbersAreThoseOfTheNetworksRunOneAfterTheOther() {
    Map<String, JsonNode> two = BY_THREADS.get(2);
    JsonNode optimizers = two.get("optimizer-compare").at("/data/loss");
    Map<String, Double> lastLoss =
        Map.of(
            "sgd", 1.5302814780169458,
            "momentum", 0.168172327975202,
            "nesterov", 0.16087182546186168,
            "adagrad", 0.02797549587469247,
            "rmsprop", 0.41998626323960997,
            "adam", 0.10560893800389587);
    lastLoss.forEach((id, loss) -> assertThat(last(optimizers.get(id))).as(id).isEqualTo(loss));
    JsonNode inits = two.get("init-compare").at("/data/loss");
    assertThat(last(inits.get("std=0.01"))).isEqualTo(2.3027012767663506);
    assertThat(last(inits.get("Xavier"))).isEqualTo(2.255448190349058);
    assertThat(last(inits.get("He"))).isEqualTo(1.8163881859581503);
    JsonNode batchNorm = two.get("batch-norm").at("/data");
    assertThat(doubles(batchNorm.at("/W std 1/with_bn"))).containsExactly(0.068, 0.06, 0.114);
    assertThat(doubles(batchNorm.at("/W std 0.54/with_bn"))).containsExactly(0.092, 0.117, 0.163);
    assertThat(last(two.get("overfit-dropout").at("/data/with dropout 0.2/1")))
        .isEqualTo(0.09444444444444444);
    assertThat(last(two.get("overfit-weight-decay").at("/data/with weight decay λ = 0.1/1")))
        .isEqualTo(0.14166666666666666);
    JsonNode regularisers = two.get("regularization-compare").at("/data");
    assertThat(doubles(regularisers.at("/l1_search/validation_accuracy")))
        .containsExactly(0.128, 0.128);
    assertThat(last(regularisers.at("/l1/test_accuracy"))).isEqualTo(0.12222222222222222);
    assertThat(last(regularisers.at("/dropout/test_accuracy"))).isEqualTo(0.05555555555555555);
    JsonNode firstTrial = two.get("hyperparameter-search").at("/data/0");
    assertThat(firstTrial.at("/params/lr").asDouble()).isEqualTo(3.510741853514607E-4);
    assertThat(doubles(firstTrial.at("/validationAccuracy"))).containsExactly(0.16, 0.17, 0.17);
  }

  /**
   * The loss comparisons average the last 100 iterations; a quick run has 60, so their findings are
   * too short to test (not "holds" over a mean that takes in the early descent).
   */
  @Test
  void aFindingWhoseWindowExceedsTheRunIsTooShortToTest() {
    Map<String, java.util.List<String>> windowed =
        Map.of(
            "optimizer-compare", java.util.List.of("adaptive-lowest", "sgd-slowest"),
            "init-compare", java.util.List.of("std-0.01-stalls", "he-fastest"));
    windowed.forEach(
        (name, ids) -> {
          JsonNode findings = BY_THREADS.get(1).get(name).get("findings");
          for (String id : ids) {
            JsonNode finding = null;
            for (JsonNode f : findings) {
              finding = f.get("id").asText().equals(id) ? f : finding;
            }
            assertThat(finding).as("%s: %s", name, id).isNotNull();
            assertThat(finding.get("verdict").asText()).isEqualTo("quick run too short to test");
            assertThat(finding.get("holds").isNull()).isTrue();
          }
        });
  }

  /**
   * Where {@code a} and {@code b} first differ, as a JSON pointer with both values, or null when
   * they are equal (numbers compared as doubles, bit for bit).
   */
  private static String firstDifference(JsonNode a, JsonNode b, String at) {
    if (a.isContainerNode() && a.getNodeType() == b.getNodeType() && a.size() == b.size()) {
      var names = a.isObject() ? a.fieldNames() : null;
      for (int i = 0; i < a.size(); i++) {
        String name = names != null ? names.next() : null;
        JsonNode x = names != null ? a.get(name) : a.get(i);
        JsonNode y = names != null ? b.get(name) : b.get(i);
        String d =
            y == null
                ? at + "/" + name + ": missing"
                : firstDifference(x, y, at + "/" + (name != null ? name : i));
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    boolean same =
        (a.isNumber() && b.isNumber())
            ? Double.doubleToLongBits(a.asDouble()) == Double.doubleToLongBits(b.asDouble())
            : a.equals(b);
    return same ? null : at + ": " + a + " against " + b;
  }

  private static double last(JsonNode array) {
    assertThat(array.isArray()).as("%s is an array", array).isTrue();
    return array.get(array.size() - 1).asDouble();
  }

  private static double[] doubles(JsonNode array) {
    assertThat(array.isArray()).as("%s is an array", array).isTrue();
    double[] v = new double[array.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = array.get(i).asDouble();
    }
    return v;
  }
}

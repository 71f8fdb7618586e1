package dev.gakushu.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.Conventions;
import dev.gakushu.data.DataAccess;
import dev.gakushu.data.DataLocations;
import dev.gakushu.data.Downloader;
import dev.gakushu.nn.Mode;
import dev.gakushu.nn.Network;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.tensor.Matrix;
import dev.gakushu.train.Evaluation;
import dev.gakushu.train.TrainListener;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationBlocksTest {
  @TempDir Path tmp;

  /**
   * A network with BatchNorm and dropout, trained for a few steps (its running statistics are its
   * own), evaluated in blocks of 1, 7, 64 and 1,000 rows: the probabilities are the rows of one
   * pass over all rows, bit for bit, and the accuracy is Evaluation's.
   */
  @Test
  void theAccuracyIsEvaluationsForAnyBlockSize() {
    BookData digits =
        BookData.load(
            "digits",
            new DataAccess(
                new DataLocations(null, null, tmp.resolve("cache")),
                true,
                Downloader.Progress.NONE));
    RunSpec spec =
        RunSpec.builder()
            .conventions(Conventions.BOOK)
            .hidden(40, 30)
            .batchNorm(true)
            .dropout(0.2)
            .optimizer("adam")
            .batchSize(50)
            .epochs(1)
            .seed(5)
            .build();
    Network net = BookLoop.network(spec, digits.train(), 2);
    BookLoop.train(spec, net, digits.train(), 40, 9, new TrainListener() {});
    var test = digits.test();
    double expected = Evaluation.of(net, test).accuracy();
    assertThat(expected).isBetween(0.3, 1.0);
    Matrix all = net.forward(test.features(), Mode.EVAL);
    float[] logits = Arrays.copyOf(all.data(), all.data().length);
    int classes = all.cols();
    for (int rows : new int[] {1, 7, 64, 1000}) {
      assertThat(new EvaluationBlocks(test, rows).accuracy(net))
          .as("blocks of %d", rows)
          .isEqualTo(expected);
      for (int start = 0; start < test.size(); start += rows) {
        int n = Math.min(rows, test.size() - start);
        Matrix block =
            Matrix.wrap(
                n,
                test.featureCount(),
                Arrays.copyOfRange(
                    test.features().data(),
                    start * test.featureCount(),
                    (start + n) * test.featureCount()));
        float[] part = net.forward(block, Mode.EVAL).data();
        assertThat(part)
            .as("rows %d to %d", start, start + n - 1)
            .isEqualTo(Arrays.copyOfRange(logits, start * classes, (start + n) * classes));
      }
    }
  }
}

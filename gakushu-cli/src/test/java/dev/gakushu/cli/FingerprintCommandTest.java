package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.io.SafeTensors;
import dev.gakushu.train.TrainingRun;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintCommandTest {
  @TempDir Path tmp;

  private Path train(String name, String threads) {
    Path out = tmp.resolve(name);
    CliRunner r =
        CliRunner.run(
            "train",
            "--epochs",
            "1",
            "--threads",
            threads,
            "--no-progress",
            "--out",
            out.toString());
    assertThat(r.status()).as(r.err()).isZero();
    return out.resolve(TrainingRun.MODEL);
  }

  @Test
  void theSameRunOnOtherThreadsHasTheSameFingerprintAndAnyChangedWeightAnother() throws Exception {
    Path one = train("one", "1");
    Path two = train("two", "2");
    CliRunner r = CliRunner.run("fingerprint", one.toString(), two.toString());
    assertThat(r.status()).as(r.err()).isZero();
    String[] lines = r.out().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).matches("[0-9a-f]{64}  " + java.util.regex.Pattern.quote(one.toString()));
    String hash = lines[0].substring(0, 64);
    assertThat(lines[1]).isEqualTo(hash + "  " + two);
    // the metadata differs (the thread count), the tensors do not
    assertThat(SafeTensors.read(one).metadata()).isNotEqualTo(SafeTensors.read(two).metadata());

    Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>(SafeTensors.read(one).tensors());
    String first = tensors.keySet().iterator().next();
    SafeTensors.Tensor t = tensors.get(first);
    float[] changed = t.values().clone();
    changed[0] = Math.nextUp(changed[0]); // one ulp in one weight
    tensors.put(first, new SafeTensors.Tensor(t.rows(), t.cols(), changed));
    Path other = tmp.resolve("changed.safetensors");
    SafeTensors.write(other, tensors, SafeTensors.read(one).metadata());
    CliRunner changedRun = CliRunner.run("fingerprint", other.toString());
    assertThat(changedRun.status()).isZero();
    assertThat(changedRun.out()).doesNotContain(hash);
  }

  @Test
  void aMissingFileIsBadInputNamingItAndNothingIsPrinted() {
    Path model = train("one", "1");
    Path missing = tmp.resolve("missing.safetensors");
    CliRunner r = CliRunner.run("fingerprint", model.toString(), missing.toString());
    assertThat(r.status()).isEqualTo(Gakushu.EXIT_BAD_INPUT);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines())
        .hasSize(1)
        .allSatisfy(l -> assertThat(l).contains(missing.toString()));
  }
}

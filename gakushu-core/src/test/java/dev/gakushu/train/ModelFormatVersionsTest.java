package dev.gakushu.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.data.DataAccess;
import dev.gakushu.init.InitScheme;
import dev.gakushu.io.ModelFile;
import dev.gakushu.io.SafeTensors;
import dev.gakushu.nn.Activation;
import dev.gakushu.nn.Network;
import dev.gakushu.run.RunFile;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.spec.RunSpecJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model file holds a {@link ModelFile.Model} whole and its network once: format version 2 stores
 * the architecture and the run specification without the network settings the architecture shows,
 * and reads the same specification back. {@code golden/run-v1} is a run written by Gakushu before
 * version 2 (format version 1: the whole specification beside the architecture); its model and its
 * checkpoint are still read, and resuming from that checkpoint writes a version 2 model of the same
 * weights.
 */
class ModelFormatVersionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> CLASSES =
      List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  @TempDir Path tmp;

  private static Path golden(String file) throws Exception {
    return Path.of(ModelFormatVersionsTest.class.getResource("/golden/run-v1/" + file).toURI());
  }

  private static Map<String, String> metadata(Path file) {
    return SafeTensors.read(file).metadata();
  }

  private Path roundTrip(RunSpec spec) {
    Network network = spec.buildNetwork(64, 10);
    Path file = tmp.resolve("m.safetensors");
    ModelFile.write(file, new ModelFile.Model(network, null, CLASSES, 1, spec));
    return file;
  }

  @Test
  void aModelWithARunSpecificationStoresItsNetworkOnceAndReadsTheSameSpecificationBack()
      throws Exception {
    for (RunSpec spec :
        List.of(
            RunSpec.builder().hidden(7, 5).batchNorm(true).dropout(0.25).threads(1).build(),
            RunSpec.builder()
                .hidden(9)
                .activation(Activation.TANH)
                .init(InitScheme.NORMAL)
                .initStd(0.5)
                .threads(2)
                .build(),
            RunSpec.builder()
                .hidden()
                .activation(Activation.SIGMOID)
                .batchNorm(true)
                .dropout(0.5)
                .threads(1)
                .build())) {
      Path file = roundTrip(spec);
      Map<String, String> meta = metadata(file);
      assertThat(meta).containsEntry("format_version", "2");
      JsonNode network = JSON.readTree(meta.get("config")).get("network");
      if (spec.network().hidden().isEmpty()) {
        // no layer shows the activation, batch norm or dropout of a network without hidden layers
        assertThat(network.has("activation")).isTrue();
      } else {
        assertThat(
                network.has("hidden")
                    || network.has("activation")
                    || network.has("dropout")
                    || network.has("batch_norm"))
            .as(network.toString())
            .isFalse();
      }
      assertThat(ModelFile.read(file, 1).spec()).isEqualTo(spec);
    }
  }

  @Test
  void aSpecificationOfAnotherNetworkIsNotWrittenWithIt() {
    RunSpec spec = RunSpec.builder().hidden(7).threads(1).build();
    Network other = RunSpec.builder().hidden(8).threads(1).build().buildNetwork(64, 10);
    assertThatThrownBy(
            () ->
                ModelFile.write(
                    tmp.resolve("m.safetensors"),
                    new ModelFile.Model(other, null, CLASSES, 1, spec)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not the model's network");
    assertThat(tmp.resolve("m.safetensors")).doesNotExist();
  }

  @Test
  void aVersion1ModelReadsTheWholeSpecificationItStored() throws Exception {
    assertThat(metadata(golden("model.safetensors"))).containsEntry("format_version", "1");
    RunSpec config = RunSpecJson.read(golden("config.json"));
    assertThat(ModelFile.read(golden("model.safetensors"), 1).spec()).isEqualTo(config);
    assertThat(ModelFile.read(golden("checkpoint.safetensors"), 1).spec()).isEqualTo(config);
  }

  @Test
  void aVersion1CheckpointResumesAndTheModelItWritesIsVersion2WithTheSameWeights()
      throws Exception {
    Path dir = tmp.resolve("run");
    Files.createDirectories(dir);
    for (String f : List.of(RunFile.CONFIG, RunFile.METRICS, RunFile.CHECKPOINT, RunFile.MODEL)) {
      Files.copy(golden(f), dir.resolve(f));
    }
    ModelFile.Model before = ModelFile.read(dir.resolve(RunFile.MODEL), 1);
    TrainingRun.resume(dir, DataAccess.standard()).continueRun(List.of());
    Path written = dir.resolve(RunFile.MODEL);
    assertThat(metadata(written)).containsEntry("format_version", "2");
    ModelFile.Model after = ModelFile.read(written, 1);
    assertThat(after.spec()).isEqualTo(before.spec());
    Map<String, dev.gakushu.tensor.Matrix> a = ModelFile.weights(after.network());
    ModelFile.weights(before.network())
        .forEach((name, m) -> assertThat(a.get(name).data()).as(name).containsExactly(m.data()));
    assertThat(after.standardizer().mean()).containsExactly(before.standardizer().mean());
  }
}

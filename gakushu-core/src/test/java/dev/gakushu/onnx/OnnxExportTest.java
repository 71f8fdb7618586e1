package dev.gakushu.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.Conventions;
import dev.gakushu.data.Standardizer;
import dev.gakushu.io.ModelFile;
import dev.gakushu.nn.Network;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The nodes an export writes; whether they compute the right thing is ExportCommandTest's. */
class OnnxExportTest {
  private static ModelFile.Model model(
      Conventions conventions, Standardizer standardizer, double inputScale) {
    Network network =
        Network.builder(3)
            .conventions(conventions)
            .dense(4)
            .batchNorm()
            .relu()
            .dropout(0.5)
            .dense(2)
            .build(1);
    return new ModelFile.Model(network, standardizer, List.of("a", "b"), inputScale, null);
  }

  private static List<String> ops(ModelFile.Model model) {
    return OnnxExport.graph(model).nodes().stream().map(OnnxGraph.Node::opType).toList();
  }

  @Test
  void invertedDropoutLeavesNoNodeAndPreprocessingComesFirst() {
    Standardizer standardizer = Standardizer.of(new float[3], new float[] {1, 2, 3});
    assertThat(ops(model(Conventions.PYTORCH, standardizer, 1 / 255.0)))
        .containsExactly(
            "Mul", "Sub", "Div", "Gemm", "BatchNormalization", "Relu", "Gemm", "Softmax");
  }

  @Test
  void theBooksDropoutScalesInEvaluationAndAScaleOfOneIsNoNode() {
    OnnxGraph graph = OnnxExport.graph(model(Conventions.BOOK, null, 1));
    assertThat(graph.nodes().stream().map(OnnxGraph.Node::opType))
        .containsExactly("Gemm", "BatchNormalization", "Relu", "Mul", "Gemm", "Softmax");
    assertThat(graph.constants())
        .filteredOn(c -> c.name().equals("dropout1.scale"))
        .singleElement()
        .satisfies(c -> assertThat(c.values()).containsExactly(0.5f));
    assertThat(graph.input()).isEqualTo("input");
    assertThat(graph.output()).isEqualTo("probabilities");
    assertThat(graph.outputWidth()).isEqualTo(2);
  }
}

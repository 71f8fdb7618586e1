package dev.gakushu.nn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.init.Initializer;
import dev.gakushu.optim.Sgd;
import dev.gakushu.tensor.Matrix;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Forward, backward and SGD steps of a small network with every activation, against the
 * values PyTorch computed (tools/reference/core_network.py).
 */
class PyTorchReferenceTest {
    private static JsonNode fixture;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = PyTorchReferenceTest.class.getResourceAsStream("/fixtures/core-network.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
    }

    static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) array.get(i).asDouble();
        }
        return values;
    }

    /** |a − e| ≤ 1e-5 · max(|e|, scale of the whole array): relative agreement for float32. */
    static void assertAgrees(String what, float[] actual, float[] expected) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        double scale = 0;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            double tolerance = 1e-5 * Math.max(Math.abs(expected[i]), scale);
            assertThat((double) actual[i]).as("%s[%d]", what, i).isCloseTo(expected[i],
                    org.assertj.core.data.Offset.offset(tolerance));
        }
    }

    private static Network networkFromFixture() {
        JsonNode sizes = fixture.get("sizes");
        Network.Builder builder = Network.builder(sizes.get(0).asInt()).init(Initializer.zeros());
        for (int k = 1; k < sizes.size(); k++) {
            builder.dense(sizes.get(k).asInt());
            if (k - 1 < fixture.get("activations").size()) {
                builder.activation(Activation.valueOf(fixture.get("activations").get(k - 1).asText().toUpperCase()));
            }
        }
        Network net = builder.build(0);
        for (Param p : net.params()) {
            float[] values = floats(fixture.get("params").get(p.name()).get("value"));
            System.arraycopy(values, 0, p.value().data(), 0, values.length);
        }
        return net;
    }

    private static Matrix inputs() {
        return Matrix.wrap(fixture.get("labels").size(), fixture.get("sizes").get(0).asInt(), floats(fixture.get("x")));
    }

    private static int[] labels() {
        int[] t = new int[fixture.get("labels").size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = fixture.get("labels").get(i).asInt();
        }
        return t;
    }

    @Test
    void forwardAndBackwardMatchPyTorch() {
        Network net = networkFromFixture();
        assertAgrees("logits", net.forward(inputs(), Mode.TRAIN).data(), floats(fixture.get("logits")));
        double loss = net.loss(inputs(), labels(), Mode.TRAIN);
        assertThat(loss).isCloseTo(fixture.get("loss").asDouble(), org.assertj.core.data.Offset.offset(1e-6));
        Matrix inputGrad = net.backward();
        assertAgrees("input grad", inputGrad.data(), floats(fixture.get("input_grad")));
        for (Param p : net.params()) {
            assertAgrees(p.name() + " grad", p.grad().data(), floats(fixture.get("params").get(p.name()).get("grad")));
        }
    }

    @Test
    void threeSgdStepsMatchPyTorch() {
        Network net = networkFromFixture();
        JsonNode sgd = fixture.get("sgd");
        Sgd optimizer = new Sgd(sgd.get("lr").asDouble());
        for (int step = 0; step < 3; step++) {
            double loss = net.loss(inputs(), labels(), Mode.TRAIN);
            assertThat(loss).as("loss before step %d", step + 1)
                    .isCloseTo(sgd.get("losses").get(step).asDouble(), org.assertj.core.data.Offset.offset(1e-6));
            net.backward();
            optimizer.step(net.params());
        }
        for (Param p : net.params()) {
            assertAgrees(p.name() + " after 3 steps", p.value().data(), floats(sgd.get("params").get(p.name())));
        }
    }
}

package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentCommandTest {
    @TempDir
    Path tmp;

    @Test
    void optimizerPathsWritesTheFigureThePathsAndTheFindings() throws IOException {
        Path out = tmp.resolve("paths");
        CliRunner r = CliRunner.run("experiment", "optimizer-paths", "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("[holds] SGD zig-zags");

        BufferedImage png = ImageIO.read(out.resolve("optimizer-paths.png").toFile());
        assertThat(png.getWidth()).isEqualTo(3 * 420);
        assertThat(png.getHeight()).isEqualTo(2 * 380);
        assertThat(Files.readString(out.resolve("optimizer-paths.svg"))).contains("<svg").contains("viewBox=\"0 0 1260 760\"");

        JsonNode paths = new ObjectMapper().readTree(out.resolve("paths.json").toFile());
        assertThat(paths).hasSize(6);
        assertThat(paths.get(0).get("x")).hasSize(30);
        JsonNode findings = new ObjectMapper().readTree(out.resolve("findings.json").toFile());
        assertThat(findings.get(0).get("id").asText()).isEqualTo("sgd-zigzags");
        assertThat(findings.get(0).get("measured").get("y_sign_changes").asInt()).isGreaterThan(10);
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void badConventionsAreBadInput() {
        CliRunner r = CliRunner.run("experiment", "optimizer-paths", "--conventions", "x", "--out", tmp.resolve("n").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(tmp.resolve("n")).doesNotExist();
    }
}

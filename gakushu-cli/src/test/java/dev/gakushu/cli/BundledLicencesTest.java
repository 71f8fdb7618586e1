package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.BundledLicences;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * gakushu.jar carries a licence for every artefact it bundles. Runs after the jar is made (the
 * {@code bundled-licences} execution, phase integration-test).
 */
class BundledLicencesTest {
  @Test
  void everyBundledArtefactHasItsLicenceInTheJar() throws Exception {
    assertThat(
            BundledLicences.problems(
                Path.of(System.getProperty("bundled.jar")),
                Path.of(System.getProperty("bundled.artefacts")),
                true))
        .isEmpty();
  }
}

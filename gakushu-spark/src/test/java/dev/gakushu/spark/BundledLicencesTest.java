package dev.gakushu.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.BundledLicences;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * gakushu-spark.jar carries a licence for every artefact it bundles: those of gakushu.jar less what
 * Spark provides (the listing, the command line's, may name more). Runs after the jar is made (the
 * {@code bundled-licences} execution, phase integration-test).
 */
class BundledLicencesTest {
  @Test
  void everyBundledArtefactHasItsLicenceInTheJar() throws Exception {
    Path jar = Path.of(System.getProperty("bundled.jar"));
    Path artefacts = Path.of(System.getProperty("bundled.artefacts"));
    assertThat(BundledLicences.problems(jar, artefacts, false)).isEmpty();
  }
}

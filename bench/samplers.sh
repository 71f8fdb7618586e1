#!/usr/bin/env bash
# Random search against TPE on the hyperparameter-search experiment's setup
# (gakushu-core/src/test/java/.../bench/SamplerComparison.java): bench/samplers.sh EPOCHS SEEDS,
# e.g. bench/samplers.sh 50 10 for the experiment's full size. JAVA_HOME picks the JDK.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl gakushu-cli -am package -DskipTests -Dfuzz.skip=true
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java_bin" --add-modules jdk.incubator.vector \
  -cp "gakushu-core/target/test-classes:gakushu-cli/target/gakushu.jar" \
  dev.gakushu.bench.SamplerComparison "${1:-50}" "${2:-10}"

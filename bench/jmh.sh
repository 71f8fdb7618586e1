#!/usr/bin/env bash
# Runs the JMH kernel benchmarks (gakushu-core/src/test/java/.../GemmBenchmark.java). Arguments go
# to JMH, e.g. bench/jmh.sh GemmBenchmark.gemm1024 -p kernel=vector. JAVA_HOME picks the JDK.
# fmaPeakPerLane's score is GFLOPS per vector lane: multiply it by the lanes (8 with AVX2,
# 16 with AVX-512) for the core's peak.
set -euo pipefail
cd "$(dirname "$0")/../gakushu-core"
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java_bin" --add-modules jdk.incubator.vector -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.openjdk.jmh.Main "${@:-GemmBenchmark}"

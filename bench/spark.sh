#!/usr/bin/env bash
# Trials per minute of one search with the local executor (1 and 2 workers), with Spark local[2]
# and with a Spark standalone cluster of two 1-core workers started on this machine from the Maven
# artifacts (a master and two worker JVMs, each worker starting an executor JVM). The search:
# 24 and then 96 trials of 5 epochs on the digits, one hidden layer of 100 (TRIALS="24 96" to
# change the sizes). From the two sizes it separates each executor's fixed cost (starting Spark
# and its executors) from the seconds a trial takes on one core (slot), and prints both.
# The runs' output stays in a temporary directory, whose name it prints.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
gakushu="$here/gakushu"
read -r small large <<<"${TRIALS:-24 96}"
search=(tune --data digits --hidden 100 --epochs 5 --seed 1)
out="$(mktemp -d)"
echo "runs in $out; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-28s %12s %12s %14s %16s\n' executor "$small trials" "$large trials" "fixed cost" "per trial/core"

seconds() { sed -n 's/.*"seconds" *: *\([0-9.]*\).*/\1/p' "$1/results.json" | head -n 1; }

run() { # run NAME SLOTS OPTIONS...: the search at both sizes, then its figures
  local name="$1" slots="$2"; shift 2
  "$gakushu" "${search[@]}" --trials "$small" --out "$out/$name-$small" "$@" >"$out/$name-$small.log" 2>&1
  "$gakushu" "${search[@]}" --trials "$large" --out "$out/$name-$large" "$@" >"$out/$name-$large.log" 2>&1
  awk -v name="$name" -v slots="$slots" -v n1="$small" -v n2="$large" \
    -v t1="$(seconds "$out/$name-$small")" -v t2="$(seconds "$out/$name-$large")" 'BEGIN {
      per = slots * (t2 - t1) / (n2 - n1); fixed = t1 - n1 * per / slots
      printf "%-28s %7.1f /min %7.1f /min %12.1f s %14.3f s\n", name, 60 * n1 / t1, 60 * n2 / t2, fixed, per }'
}

run local-1-worker 1 --workers 1
run local-2-workers 2 --workers 2
run spark-local-2 2 --executor spark --spark-master 'local[2]'

# the standalone cluster: Spark's jars and Gakushu's from what the launcher built
module="$here/gakushu-spark"
class_path="$module/target/gakushu-spark.jar:$(cat "$module/target/spark.classpath")"
read -r -a java_opts < <(sed -n 's:.*<spark.java.options>\(.*\)</spark.java.options>.*:\1:p' \
  "$module/pom.xml")
mkdir -p "$out/spark-home/jars"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
start() { # start NAME CLASS ARGS...: a JVM of the cluster
  local name="$1"; shift
  SPARK_HOME="$out/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_DIST_CLASSPATH="$class_path" \
    java -Xmx512m "${java_opts[@]}" -cp "$class_path" "$@" >"$out/$name.log" 2>&1 &
  pids+=($!)
}
start master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port 0
for w in 1 2; do
  start "worker$w" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 1g \
    --webui-port 0 --work-dir "$out/work$w" "spark://127.0.0.1:$port"
done
GAKUSHU_JAVA_OPTS="-Dspark.driver.host=127.0.0.1 -Dspark.executor.memory=768m" \
  run spark-standalone-2-workers 2 --executor spark --spark-master "spark://127.0.0.1:$port"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

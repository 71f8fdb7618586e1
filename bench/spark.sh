#!/usr/bin/env bash
# Trials per minute of one search with the local executor (1 and 2 workers), with Spark local[2]
# and with a Spark standalone cluster of two 1-core workers started on this machine from the Maven
# artifacts (a master and two worker JVMs, each worker starting an executor JVM). The search:
# bench/spark.sh [tune options], by default 24 trials of 5 epochs on the digits, one hidden layer of
# 100. It prints each run's trials per minute (from its results.json) and keeps the runs' output
# in a temporary directory, whose name it prints.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
gakushu="$here/gakushu"
search=(tune --data digits --hidden 100 --epochs 5 --trials 24 --seed 1)
[ $# -gt 0 ] && search=(tune "$@")
out="$(mktemp -d)"
echo "runs in $out; load before: $(cut -d' ' -f1-3 /proc/loadavg)"

run() { # run NAME OPTIONS...: one search, then its trials per minute
  local name="$1"; shift
  "$gakushu" "${search[@]}" --out "$out/$name" "$@" >"$out/$name.log" 2>&1
  printf '%-28s %s trials/min (%s s)\n' "$name" \
    "$(sed -n 's/.*"trials_per_minute" *: *\([0-9.]*\).*/\1/p' "$out/$name/results.json" | head -n 1 | cut -c1-6)" \
    "$(sed -n 's/.*"seconds" *: *\([0-9.]*\).*/\1/p' "$out/$name/results.json" | head -n 1 | cut -c1-6)"
}

run local-1-worker --workers 1
run local-2-workers --workers 2
run spark-local-2 --executor spark --spark-master 'local[2]'

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
  run spark-standalone-2-workers --executor spark --spark-master "spark://127.0.0.1:$port"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

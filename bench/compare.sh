#!/usr/bin/env bash
# Runs the load tool's scenarios alternately against Warren and RabbitMQ and prints a Markdown
# table of the medians and the Warren/RabbitMQ ratios. Alternating (W, R, W, R, ...) spreads
# drift in the machine's load over both brokers instead of charging it to one.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: bench/compare.sh [options] [WARREN_URI [RABBITMQ_URI]]

  WARREN_URI         default amqp://guest:guest@localhost:5673
  RABBITMQ_URI       default amqp://guest:guest@localhost:5672
  --rounds N         runs per broker and scenario, alternating W, R, W, R, ... (default 2)
  --scenario LIST    all, or names/numbers separated by commas (default all)
  --duration D       passed to each run (the tool's default is 20s)
  --warmup D         passed to each run (the tool's default is 5s)
  --persistent       passed to each run
  --confirm N        passed to each run
  --ca FILE          passed to each run: for amqps:// URIs, trust this CA (PEM) and check host names
  --tls-version V    passed to each run: for amqps:// URIs, offer only TLS 1.2 or 1.3
  --tls-ciphers L    passed to each run: for amqps:// URIs, offer only these cipher suites (JDK names)
  --out FILE         keep every run's JSON result line in FILE

Both URIs may be amqps:// (TLS; bench/tls-rabbitmq.sh sets up certificates and RabbitMQ's TLS
listener); the table then says what each broker's connections negotiated. Progress goes to
stderr, the table to stdout. Environment: JAVA (default java), JAVA_OPTS,
WARREN_BENCH_JAR (default bench/target/warren-bench.jar; build it with
mvn -q -pl bench package).
USAGE
}

source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/script-lib.sh"

command_line=$(shell_words "$0" "$@")
rounds=2
scenarios=all
pass_values=(--duration --warmup --confirm --ca --tls-version --tls-ciphers)
pass_flags=(--persistent)
while (($#)); do
  case $1 in
    --scenario) scenarios=${2:-}; shift 2 || fail_usage "--scenario needs a value" ;;
    *) read_compare_option "$@"; shift "$consumed" ;;
  esac
done
check_compare_options amqp://guest:guest@localhost:5673 amqp://guest:guest@localhost:5672
find_bench

# The tool resolves and validates the selection, so a typo stops here rather than after an hour.
names=$("${bench[@]}" --list --scenario "$scenarios" --uri "$warren_uri" "${bench_args[@]}" | cut -f2) || exit 2
"${bench[@]}" --list --uri "$rabbitmq_uri" "${bench_args[@]}" >/dev/null || exit 2

open_results
run_side() {
  "${bench[@]}" --uri "$2" --scenario "$name" --label "$1" --json "${bench_args[@]}"
}
for name in $names; do
  alternate_rounds "$name" "; its median uses the other rounds"
done

print_report "Warren vs RabbitMQ" io.warren.bench.compare.ComparisonMain \
  "${bench[@]}" --uri URI --scenario NAME --label 'warren|rabbitmq' --json "${bench_args[@]}"
exit "$failed"

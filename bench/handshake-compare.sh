#!/usr/bin/env bash
# Runs the load tool's handshake-rate measurement alternately against Warren and RabbitMQ and
# prints a Markdown table of the medians and the Warren/RabbitMQ ratios. Alternating (W, R, W,
# R, ...) spreads drift in the machine's load over both brokers instead of charging it to one.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: bench/handshake-compare.sh [options] [WARREN_URI [RABBITMQ_URI]]

  WARREN_URI         default amqps://guest:guest@localhost:5674
  RABBITMQ_URI       default amqps://guest:guest@localhost:5671
  --rounds N         runs per broker, alternating W, R, W, R, ... (default 3)
  --clients N        passed to each run: threads opening and closing connections (tool's default 8)
  --duration D       passed to each run (the tool's default is 20s)
  --warmup D         passed to each run (the tool's default is 5s)
  --ca FILE          passed to each run: for amqps:// URIs, trust this CA (PEM) and check host names
  --tls-version V    passed to each run: for amqps:// URIs, offer only TLS 1.2 or 1.3
  --tls-ciphers L    passed to each run: for amqps:// URIs, offer only these cipher suites (JDK names)
  --tls-resume       passed to each run: let connections resume TLS sessions (default: full handshakes)
  --out FILE         keep every run's JSON result line in FILE

Give amqp:// URIs (Warren 5673, RabbitMQ 5672) for the same figures without TLS. Progress goes
to stderr, the table to stdout. Environment: JAVA (default java), JAVA_OPTS, WARREN_BENCH_JAR
(default bench/target/warren-bench.jar; build it with mvn -q -pl bench package).
USAGE
}

source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/script-lib.sh"

command_line=$(shell_words "$0" "$@")
rounds=3
pass_values=(--clients --duration --warmup --ca --tls-version --tls-ciphers)
pass_flags=(--tls-resume)
while (($#)); do
  read_compare_option "$@"
  shift "$consumed"
done
check_compare_options amqps://guest:guest@localhost:5674 amqps://guest:guest@localhost:5671
find_bench handshakes

# The tool checks the options, so a typo stops here rather than after the first broker's runs.
for uri in "$warren_uri" "$rabbitmq_uri"; do
  "${bench[@]}" --help --uri "$uri" "${bench_args[@]}" >/dev/null || exit 2
done

open_results
run_side() {
  "${bench[@]}" --uri "$2" --label "$1" --json "${bench_args[@]}"
}
alternate_rounds "" " (its line, if any, is kept and counted)"

print_report "Connection handshakes, Warren vs RabbitMQ" io.warren.bench.compare.HandshakeComparisonMain \
  "${bench[@]}" --uri URI --label 'warren|rabbitmq' --json "${bench_args[@]}"
exit "$failed"

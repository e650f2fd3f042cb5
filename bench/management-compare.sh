#!/usr/bin/env bash
# Runs the load tool's management-scale measurement alternately against Warren and RabbitMQ and
# prints a Markdown table of the per-query latency medians and the Warren/RabbitMQ ratios, then
# both brokers' memory. Alternating (W, R, W, R, ...) spreads drift in the machine's load over
# both brokers instead of charging it to one.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: bench/management-compare.sh [options] [WARREN_URI [RABBITMQ_URI]]

  WARREN_URI           default amqp://guest:guest@localhost:5673
  RABBITMQ_URI         default amqp://guest:guest@localhost:5672
  --warren-http URL    Warren's management API (default http://guest:guest@localhost:15673)
  --rabbitmq-http URL  RabbitMQ's management API (default http://guest:guest@localhost:15672)
  --rounds N           runs per broker, alternating W, R, W, R, ... (default 2)
  --queues N           passed to each run (the tool's default is 10000)
  --connections N      passed to each run (the tool's default is 1000)
  --requests N         passed to each run (the tool's default is 200)
  --warmup N           passed to each run (the tool's default is 20)
  --concurrency N      passed to each run (the tool's default is 1)
  --settle D           passed to each run (the tool's default is 180s)
  --warren-pid PID     Warren's process, for RSS and heap (default: whoever listens on its AMQP port)
  --rabbitmq-pid PID   RabbitMQ's process, for RSS (default: whoever listens on its AMQP port)
  --out FILE           keep every run's JSON result line in FILE

Progress goes to stderr, the table to stdout. Environment: JAVA (default java), JAVA_OPTS,
WARREN_BENCH_JAR (default bench/target/warren-bench.jar; build it with
mvn -q -pl bench package).
USAGE
}

source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/script-lib.sh"

# The pid of the process listening on the port of an AMQP URI, or nothing (ss needs to see
# other users' processes for that, so usually root).
listener_pid() {
  local hostport=${1#*://}
  hostport=${hostport#*@}
  hostport=${hostport%%/*}
  local port=${hostport##*:}
  [[ $port =~ ^[0-9]+$ && $port != "$hostport" ]] || port=5672
  ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true
}

command_line=$(shell_words "$0" "$@")
rounds=2
warren_http=http://guest:guest@localhost:15673
rabbitmq_http=http://guest:guest@localhost:15672
warren_pid=
rabbitmq_pid=
pass_values=(--queues --connections --requests --warmup --concurrency --settle)
pass_flags=()
while (($#)); do
  case $1 in
    --warren-http) warren_http=${2:-}; shift 2 || fail_usage "--warren-http needs a value" ;;
    --rabbitmq-http) rabbitmq_http=${2:-}; shift 2 || fail_usage "--rabbitmq-http needs a value" ;;
    --warren-pid) warren_pid=${2:-}; shift 2 || fail_usage "--warren-pid needs a value" ;;
    --rabbitmq-pid) rabbitmq_pid=${2:-}; shift 2 || fail_usage "--rabbitmq-pid needs a value" ;;
    *) read_compare_option "$@"; shift "$consumed" ;;
  esac
done
check_compare_options amqp://guest:guest@localhost:5673 amqp://guest:guest@localhost:5672
warren_pid=${warren_pid:-$(listener_pid "$warren_uri")}
rabbitmq_pid=${rabbitmq_pid:-$(listener_pid "$rabbitmq_uri")}
find_bench management

# The tool validates the options, so a typo stops here rather than after ten thousand queues.
"${bench[@]}" "${bench_args[@]}" --help >/dev/null || exit 2

open_results
run_side() {
  local http=$warren_http pid=$warren_pid pid_args=()
  if [[ $1 == rabbitmq ]]; then http=$rabbitmq_http pid=$rabbitmq_pid; fi
  [[ -n $pid ]] && pid_args=(--broker-pid "$pid")
  "${bench[@]}" --uri "$2" --http "$http" --label "$1" --json "${pid_args[@]}" "${bench_args[@]}"
}
alternate_rounds "" "; its medians use the other rounds"

print_report "Management API at scale: Warren vs RabbitMQ" io.warren.bench.compare.ManagementComparisonMain \
  "${bench[@]}" --uri URI --http URL --label 'warren|rabbitmq' --json --broker-pid PID "${bench_args[@]}"
exit "$failed"

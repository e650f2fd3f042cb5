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
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jar=${WARREN_BENCH_JAR:-$here/target/warren-bench.jar}
java=${JAVA:-java}
read -r -a java_opts <<<"${JAVA_OPTS:-}"

rounds=2
out=
warren_http=http://guest:guest@localhost:15673
rabbitmq_http=http://guest:guest@localhost:15672
warren_pid=
rabbitmq_pid=
bench_args=()
uris=()
while (($#)); do
  case $1 in
    --rounds) rounds=${2:-}; shift 2 || fail_usage "--rounds needs a value" ;;
    --out) out=${2:-}; shift 2 || fail_usage "--out needs a value" ;;
    --warren-http) warren_http=${2:-}; shift 2 || fail_usage "--warren-http needs a value" ;;
    --rabbitmq-http) rabbitmq_http=${2:-}; shift 2 || fail_usage "--rabbitmq-http needs a value" ;;
    --warren-pid) warren_pid=${2:-}; shift 2 || fail_usage "--warren-pid needs a value" ;;
    --rabbitmq-pid) rabbitmq_pid=${2:-}; shift 2 || fail_usage "--rabbitmq-pid needs a value" ;;
    --queues | --connections | --requests | --warmup | --concurrency | --settle)
      (($# >= 2)) || fail_usage "$1 needs a value"
      bench_args+=("$1" "$2"); shift 2 ;;
    -h | --help) usage; exit 0 ;;
    -*) fail_usage "unknown option $1" ;;
    *) uris+=("$1"); shift ;;
  esac
done
((${#uris[@]} <= 2)) || fail_usage "at most two URIs, Warren's then RabbitMQ's"
[[ $rounds =~ ^[1-9][0-9]*$ ]] || fail_usage "--rounds wants a whole number of at least 1, got '$rounds'"
warren_uri=${uris[0]:-amqp://guest:guest@localhost:5673}
rabbitmq_uri=${uris[1]:-amqp://guest:guest@localhost:5672}
warren_pid=${warren_pid:-$(listener_pid "$warren_uri")}
rabbitmq_pid=${rabbitmq_pid:-$(listener_pid "$rabbitmq_uri")}

[[ -f $jar ]] || { echo "management-compare.sh: $jar not found; build it with: mvn -q -pl bench package" >&2; exit 2; }
bench=("$java" "${java_opts[@]}" -jar "$jar" management)

# The tool validates the options, so a typo stops here rather than after ten thousand queues.
"${bench[@]}" "${bench_args[@]}" --help >/dev/null || exit 2

results=$out
if [[ -z $results ]]; then
  results=$(mktemp)
  trap 'rm -f "$results"' EXIT
else
  : >"$results"
fi

failed=0
for ((round = 1; round <= rounds; round++)); do
  for side in warren rabbitmq; do
    if [[ $side == warren ]]; then
      uri=$warren_uri http=$warren_http pid=$warren_pid
    else
      uri=$rabbitmq_uri http=$rabbitmq_http pid=$rabbitmq_pid
    fi
    pid_args=()
    [[ -n $pid ]] && pid_args=(--broker-pid "$pid")
    echo "management-compare.sh: round $round of $rounds, $side" >&2
    if ! "${bench[@]}" --uri "$uri" --http "$http" --label "$side" --json "${pid_args[@]}" "${bench_args[@]}" >>"$results"; then
      echo "management-compare.sh: $side failed in round $round; its medians use the other rounds" >&2
      failed=1
    fi
  done
done

echo "### Management API at scale: Warren vs RabbitMQ"
echo
"$java" "${java_opts[@]}" -cp "$jar" io.warren.bench.compare.ManagementComparisonMain "$results"
echo
echo "Command: \`$command_line\`"
echo
run_args=$(shell_words "${bench[@]}" --uri URI --http URL --label 'warren|rabbitmq' --json --broker-pid PID "${bench_args[@]}")
echo "Each run: \`$run_args\`"
echo "on $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC')."
exit "$failed"

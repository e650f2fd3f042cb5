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
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jar=${WARREN_BENCH_JAR:-$here/target/warren-bench.jar}
java=${JAVA:-java}
read -r -a java_opts <<<"${JAVA_OPTS:-}"

rounds=3
out=
bench_args=()
uris=()
while (($#)); do
  case $1 in
    --rounds) rounds=${2:-}; shift 2 || fail_usage "--rounds needs a value" ;;
    --out) out=${2:-}; shift 2 || fail_usage "--out needs a value" ;;
    --clients | --duration | --warmup | --ca | --tls-version | --tls-ciphers)
      (($# >= 2)) || fail_usage "$1 needs a value"
      bench_args+=("$1" "$2"); shift 2 ;;
    --tls-resume) bench_args+=("$1"); shift ;;
    -h | --help) usage; exit 0 ;;
    -*) fail_usage "unknown option $1" ;;
    *) uris+=("$1"); shift ;;
  esac
done
((${#uris[@]} <= 2)) || fail_usage "at most two URIs, Warren's then RabbitMQ's"
[[ $rounds =~ ^[1-9][0-9]*$ ]] || fail_usage "--rounds wants a whole number of at least 1, got '$rounds'"
warren_uri=${uris[0]:-amqps://guest:guest@localhost:5674}
rabbitmq_uri=${uris[1]:-amqps://guest:guest@localhost:5671}

[[ -f $jar ]] || { echo "handshake-compare.sh: $jar not found; build it with: mvn -q -pl bench package" >&2; exit 2; }
bench=("$java" "${java_opts[@]}" -jar "$jar")

# The tool checks the options, so a typo stops here rather than after the first broker's runs.
for uri in "$warren_uri" "$rabbitmq_uri"; do
  "${bench[@]}" handshakes --help --uri "$uri" "${bench_args[@]}" >/dev/null || exit 2
done

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
    if [[ $side == warren ]]; then uri=$warren_uri; else uri=$rabbitmq_uri; fi
    echo "handshake-compare.sh: round $round of $rounds, $side" >&2
    if ! "${bench[@]}" handshakes --uri "$uri" --label "$side" --json "${bench_args[@]}" >>"$results"; then
      echo "handshake-compare.sh: $side failed in round $round (its line, if any, is kept and counted)" >&2
      failed=1
    fi
  done
done

echo "### Connection handshakes, Warren vs RabbitMQ"
echo
"$java" "${java_opts[@]}" -cp "$jar" io.warren.bench.compare.HandshakeComparisonMain "$results"
echo
echo "Command: \`$command_line\`"
echo
run_args=$(shell_words "${bench[@]}" handshakes --uri URI --label 'warren|rabbitmq' --json "${bench_args[@]}")
echo "Each run: \`$run_args\`"
echo "on $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC')."
exit "$failed"

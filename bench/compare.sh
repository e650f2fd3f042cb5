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
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jar=${WARREN_BENCH_JAR:-$here/target/warren-bench.jar}
java=${JAVA:-java}
read -r -a java_opts <<<"${JAVA_OPTS:-}"

rounds=2
scenarios=all
out=
bench_args=()
uris=()
while (($#)); do
  case $1 in
    --rounds) rounds=${2:-}; shift 2 || fail_usage "--rounds needs a value" ;;
    --scenario) scenarios=${2:-}; shift 2 || fail_usage "--scenario needs a value" ;;
    --out) out=${2:-}; shift 2 || fail_usage "--out needs a value" ;;
    --duration | --warmup | --confirm | --ca | --tls-version | --tls-ciphers)
      (($# >= 2)) || fail_usage "$1 needs a value"
      bench_args+=("$1" "$2"); shift 2 ;;
    --persistent) bench_args+=("$1"); shift ;;
    -h | --help) usage; exit 0 ;;
    -*) fail_usage "unknown option $1" ;;
    *) uris+=("$1"); shift ;;
  esac
done
((${#uris[@]} <= 2)) || fail_usage "at most two URIs, Warren's then RabbitMQ's"
[[ $rounds =~ ^[1-9][0-9]*$ ]] || fail_usage "--rounds wants a whole number of at least 1, got '$rounds'"
warren_uri=${uris[0]:-amqp://guest:guest@localhost:5673}
rabbitmq_uri=${uris[1]:-amqp://guest:guest@localhost:5672}

[[ -f $jar ]] || { echo "compare.sh: $jar not found; build it with: mvn -q -pl bench package" >&2; exit 2; }
bench=("$java" "${java_opts[@]}" -jar "$jar")

# The tool resolves and validates the selection, so a typo stops here rather than after an hour.
names=$("${bench[@]}" --list --scenario "$scenarios" --uri "$warren_uri" "${bench_args[@]}" | cut -f2) || exit 2
"${bench[@]}" --list --uri "$rabbitmq_uri" "${bench_args[@]}" >/dev/null || exit 2

results=$out
if [[ -z $results ]]; then
  results=$(mktemp)
  trap 'rm -f "$results"' EXIT
else
  : >"$results"
fi

failed=0
for name in $names; do
  for ((round = 1; round <= rounds; round++)); do
    for side in warren rabbitmq; do
      if [[ $side == warren ]]; then uri=$warren_uri; else uri=$rabbitmq_uri; fi
      echo "compare.sh: $name, round $round of $rounds, $side" >&2
      if ! "${bench[@]}" --uri "$uri" --scenario "$name" --label "$side" --json "${bench_args[@]}" >>"$results"; then
        echo "compare.sh: $name on $side failed in round $round; its median uses the other rounds" >&2
        failed=1
      fi
    done
  done
done

echo "### Warren vs RabbitMQ"
echo
"$java" "${java_opts[@]}" -cp "$jar" io.warren.bench.compare.ComparisonMain "$results"
echo
echo "Command: \`$command_line\`"
echo
run_args=$(shell_words "${bench[@]}" --uri URI --scenario NAME --label 'warren|rabbitmq' --json "${bench_args[@]}")
echo "Each run: \`$run_args\`"
echo "on $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC')."
exit "$failed"

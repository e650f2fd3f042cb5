#!/usr/bin/env bash
# Checks that every panel of a Grafana dashboard (RabbitMQ's RabbitMQ-Overview, fetched by you
# from rabbitmq/rabbitmq-server, deps/rabbitmq_prometheus/docker/grafana/dashboards/) parses and
# shows data against Warren: starts Warren (server/target/warren.jar) on ports 5673/15673/15693
# with a temporary data directory, a Prometheus (Debian's: apt-get install prometheus) scraping
# its /metrics every 5 s, runs the bench load (1,000 msg/s) for about a minute, then evaluates every panel's
# query through Prometheus's HTTP API (grafana-overview-check.py). A manual check, not part of
# the test suite; it takes about two minutes.
#
# usage: bench/grafana-overview-check.sh [--scrape HOST:PORT --uri AMQP_URI] DASHBOARD.json...
#   --scrape  check another node's /metrics instead of starting Warren (e.g. RabbitMQ's
#             localhost:15692, with --uri amqp://guest:guest@localhost:5672 for the load)
# Needs: java, python3, prometheus; the jars from
#   mvn -B -q -pl server,bench -am package -DskipTests
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
scrape=""
uri="amqp://guest:guest@127.0.0.1:5673"
while [[ $# -gt 0 && $1 == --* ]]; do
    case $1 in
        --scrape) scrape=$2; shift 2 ;;
        --uri) uri=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
[[ $# -ge 1 ]] || { sed -n '2,16p' "$0"; exit 2; }
command -v prometheus >/dev/null || { echo "prometheus not found (apt-get install prometheus)" >&2; exit 2; }

work=$(mktemp -d /tmp/grafana-check.XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

if [[ -z $scrape ]]; then
    WARREN_AMQP_PORT=5673 WARREN_MANAGEMENT_PORT=15673 WARREN_PROMETHEUS_PORT=15693 \
        WARREN_DATA_DIR="$work/data" java -jar "$root/server/target/warren.jar" >"$work/warren.log" 2>&1 &
    pids+=($!)
    scrape=127.0.0.1:15693
    for _ in $(seq 60); do curl -sf "http://$scrape/metrics" >/dev/null && break; sleep 1; done
fi
cat >"$work/prometheus.yml" <<EOF
global:
  scrape_interval: 5s
  evaluation_interval: 5s
scrape_configs:
  - job_name: rabbitmq
    static_configs:
      - targets: ['$scrape']
EOF
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
    --web.listen-address=127.0.0.1:19090 >"$work/prometheus.log" 2>&1 &
pids+=($!)
for _ in $(seq 30); do curl -sf http://127.0.0.1:19090/-/ready >/dev/null && break; sleep 1; done

# 1,000 messages a second with publisher confirms to an auto-ack consumer; the panels are read
# while it runs, so that gauges (connections, publishers, consumers) show it too.
java -jar "$root/bench/target/warren-bench.jar" --uri "$uri" --scenario latency-1k \
    --confirm 100 --duration 75s --warmup 5s >"$work/bench.log" 2>&1 &
bench=$!
pids+=($bench)
sleep 65
kill -0 $bench 2>/dev/null || { cat "$work/bench.log"; exit 1; }

status=0
for dashboard in "$@"; do
    echo "== $dashboard against $scrape"
    python3 "$here/grafana-overview-check.py" "$dashboard" http://127.0.0.1:19090 5m || status=1
done
wait $bench || { cat "$work/bench.log"; status=1; }
exit $status

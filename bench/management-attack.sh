#!/usr/bin/env bash
# Strangers' large uploads against the management API, beside AMQP traffic: starts Warren from a
# jar on ports 26672 (AMQP), 26673 (management) and 26674 (Prometheus) with its own data directory,
# runs the load tool's latency-1k scenario (20 s after a 3 s warm-up) and, from its 4th second for
# 18 s, 8 attackers that each open a connection, send a head promising a 100 MB body without
# credentials and stream zeros until the broker cuts them off, then start again. Prints the
# broker's RSS before and at its peak, its CPU time during the attack, what the attackers managed
# to send, and the AMQP latency percentiles.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: bench/management-attack.sh [--rate MB/s] WARREN_JAR [BENCH_JAR]

  WARREN_JAR   the broker to start (server/target/warren.jar)
  BENCH_JAR    the load tool (default bench/target/warren-bench.jar)
  --rate N     each attacker sends at most N MB/s and opens at most 10 connections a second
               (default: as fast as the broker lets it)
USAGE
}

rate=0
if [[ "${1:-}" == "--rate" ]]; then rate=$2; shift 2; fi
if [[ $# -lt 1 || "$1" == "--help" ]]; then usage; exit 2; fi
jar=$1
bench=${2:-$(dirname "$0")/target/warren-bench.jar}
dir=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$dir"' EXIT

WARREN_AMQP_PORT=26672 WARREN_MANAGEMENT_PORT=26673 WARREN_PROMETHEUS_PORT=26674 WARREN_DATA_DIR=$dir/data \
  java -jar "$jar" > "$dir/broker.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -s -o /dev/null http://localhost:26674/metrics && break; sleep 0.2; done
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status"; }
cpu_ms() { awk '{print ($14+$15)*10}' "/proc/$pid/stat"; }

echo "RSS before: $(rss) MB"
java -jar "$bench" --uri amqp://guest:guest@localhost:26672 --scenario latency-1k --duration 20s --warmup 3s \
  > "$dir/bench.txt" 2>&1 &
load=$!
sleep 4
cpu0=$(cpu_ms)
python3 - 26673 18 "$rate" > "$dir/attack.txt" <<'PY' &
import socket, sys, threading, time
port, seconds, rate = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]) * 1e6
end = time.time() + seconds
block = b"\0" * 65536
stats = {"connections": 0, "bytes": 0}
lock = threading.Lock()
def attack():
    while time.time() < end:
        started = time.time()
        s = socket.create_connection(("127.0.0.1", port))
        sent = 0
        try:
            s.sendall(b"POST /api/definitions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      b"Content-Length: 100000000\r\n\r\n")
            while sent < 100_000_000 and time.time() < end:
                s.sendall(block)
                sent += len(block)
                if rate and sent / rate > time.time() - started:
                    time.sleep(sent / rate - (time.time() - started))
        except OSError:
            pass
        finally:
            s.close()
        if rate and time.time() - started < 0.1:
            time.sleep(0.1 - (time.time() - started))
        with lock:
            stats["connections"] += 1
            stats["bytes"] += sent
threads = [threading.Thread(target=attack) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print("attackers: %d connections, %.0f MB sent" % (stats["connections"], stats["bytes"] / 1e6))
PY
attack=$!
peak=0
while kill -0 $load 2>/dev/null; do r=$(rss); (( r > peak )) && peak=$r; sleep 0.2; done
wait $attack
echo "RSS peak during the attack: $peak MB; broker CPU from the attack's start to the end of the run (AMQP load included): $(( $(cpu_ms) - cpu0 )) ms"
cat "$dir/attack.txt"
grep -E '^scenario|latency-1k  ' "$dir/bench.txt"

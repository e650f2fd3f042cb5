#!/usr/bin/env bash
# Smoke test with librabbitmq's command-line tools (Debian's amqp-tools): round-trips one
# message as guest.
#
# Usage: smoke.sh HOST PORT. Each tool opens its own connection: declare a queue, publish to it
# through the default exchange, consume one message (amqp-consume acks it once `cat` has
# written it out), then delete the queue, which reports how many messages were still in it.
# Exits 0 only if the body came back unchanged and the ack left the queue empty.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: smoke.sh HOST PORT" >&2
  exit 2
fi
connection=(--server="$1" --port="$2" --username=guest --password=guest --vhost=/)
queue="warren-smoke-amqp-tools-$$-$RANDOM"
body="warren smoke $queue: héllo ✓"
delivery_timeout_seconds=10

failed() {
  echo "amqp-tools smoke: $1" >&2
  exit 1
}
trap 'amqp-delete-queue "${connection[@]}" --queue="$queue" >/dev/null 2>&1 || true' EXIT

declared=$(amqp-declare-queue "${connection[@]}" --queue="$queue")
[ "$declared" = "$queue" ] || failed "declared ${declared@Q}, asked for ${queue@Q}"

amqp-publish "${connection[@]}" --routing-key="$queue" --content-type=text/plain --body="$body"

received=$(timeout "$delivery_timeout_seconds" \
  amqp-consume "${connection[@]}" --queue="$queue" --count=1 cat) \
  || failed "no delivery within $delivery_timeout_seconds s"
[ "$received" = "$body" ] || failed "body changed: sent ${body@Q}, got ${received@Q}"

left=$(amqp-delete-queue "${connection[@]}" --queue="$queue")
trap - EXIT
[ "$left" = "0" ] || failed "$left message(s) still queued after the ack"
echo "amqp-tools smoke: ok"

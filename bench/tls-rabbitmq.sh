#!/usr/bin/env bash
# Makes a throwaway CA and a server certificate with openssl, gives the local RabbitMQ (Debian's
# rabbitmq-server) an AMQPS listener with them beside its plain one, restarts it, and prints the
# file paths and the rabbitmq.conf lines that give Warren the same certificates. For benchmarks
# and tests on one machine; the CA's key is kept only so that the script can re-issue the server
# certificate, and nothing here is fit for production.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: bench/tls-rabbitmq.sh [options]

  --dir DIR          where the certificates go (default /var/lib/warren-bench/tls); existing
                     ones are kept unless --renew
  --renew            make a new CA and server certificate even if DIR has them
  --key-type T       rsa (2048 bits, as RabbitMQ's tls-gen makes them; default) or ec (P-256)
  --port N           RabbitMQ's AMQPS port (default 5671)
  --conf FILE        RabbitMQ's configuration file (default /etc/rabbitmq/rabbitmq.conf)
  --certs-only       make the certificates and print the paths; leave RabbitMQ alone
  --no-restart       write the configuration but do not restart RabbitMQ
  --remove           take this script's lines out of the configuration and restart RabbitMQ
                     (plain AMQP only again); the certificates stay in DIR

The server certificate names localhost, 127.0.0.1, ::1 and this host's name, so clients that
check host names accept it for any of those. The configuration block is marked and replaced on
each run; other lines of the file are kept, and the file as it was before the first run is
saved next to it as FILE.before-warren-bench. RabbitMQ keeps 5672 and its management plugin;
its restart takes a few seconds, during which its ports refuse connections.
USAGE
}

source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/script-lib.sh"

dir=/var/lib/warren-bench/tls
renew=0
key_type=rsa
port=5671
conf=/etc/rabbitmq/rabbitmq.conf
configure=1
restart=1
remove=0
while (($#)); do
  case $1 in
    --dir) dir=${2:-}; shift 2 || fail_usage "--dir needs a value" ;;
    --renew) renew=1; shift ;;
    --key-type) key_type=${2:-}; shift 2 || fail_usage "--key-type needs a value" ;;
    --port) port=${2:-}; shift 2 || fail_usage "--port needs a value" ;;
    --conf) conf=${2:-}; shift 2 || fail_usage "--conf needs a value" ;;
    --certs-only) configure=0; restart=0; shift ;;
    --no-restart) restart=0; shift ;;
    --remove) remove=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) fail_usage "unknown argument $1" ;;
  esac
done
[[ -n $dir ]] || fail_usage "--dir must not be empty"
[[ $key_type == rsa || $key_type == ec ]] || fail_usage "--key-type is rsa or ec, got '$key_type'"
[[ $port =~ ^[1-9][0-9]{0,4}$ ]] || fail_usage "--port wants a port number, got '$port'"

begin_mark='# --- warren-bench TLS (bench/tls-rabbitmq.sh) begin ---'
end_mark='# --- warren-bench TLS (bench/tls-rabbitmq.sh) end ---'

# The configuration file without this script's block.
without_block() {
  [[ -f $conf ]] || return 0
  awk -v b="$begin_mark" -v e="$end_mark" '$0 == b { skip = 1; next } $0 == e { skip = 0; next } !skip' "$conf"
}

restart_rabbitmq() {
  echo "tls-rabbitmq.sh: restarting RabbitMQ" >&2
  if rabbitmqctl -q status >/dev/null 2>&1; then
    rabbitmqctl -q stop >/dev/null
  fi
  rabbitmq-server -detached
  # await_startup needs the node to be up far enough to answer; give it that moment.
  local tries
  for ((tries = 0; tries < 60; tries++)); do
    rabbitmqctl -q await_startup --timeout 60 >/dev/null 2>&1 && break
    sleep 1
  done
  rabbitmqctl -q await_startup --timeout 60 >/dev/null || {
    echo "tls-rabbitmq.sh: RabbitMQ did not start; see /var/log/rabbitmq/" >&2
    exit 1
  }
  rabbitmq-diagnostics -q listeners >&2
}

if ((remove)); then
  if [[ -f $conf ]] && grep -qxF "$begin_mark" "$conf"; then
    without_block >"$conf.tmp" && mv "$conf.tmp" "$conf"
    echo "tls-rabbitmq.sh: removed the TLS block from $conf" >&2
  else
    echo "tls-rabbitmq.sh: $conf has no block of this script" >&2
  fi
  restart_rabbitmq
  exit 0
fi

command -v openssl >/dev/null || { echo "tls-rabbitmq.sh: openssl not found" >&2; exit 1; }
mkdir -p "$dir"
ca_cert=$dir/ca_certificate.pem
ca_key=$dir/ca_key.pem
server_cert=$dir/server_certificate.pem
server_key=$dir/server_key.pem

new_key() {
  if [[ $key_type == rsa ]]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null
  else
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null
  fi
}

if ((renew)) || [[ ! -s $ca_cert || ! -s $server_cert || ! -s $server_key ]]; then
  echo "tls-rabbitmq.sh: making a $key_type CA and server certificate in $dir" >&2
  umask 077
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  new_key "$ca_key"
  openssl req -x509 -new -key "$ca_key" -sha256 -days 365 -subj "/CN=warren-bench test CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out "$ca_cert"
  new_key "$server_key"
  openssl req -new -key "$server_key" -subj "/CN=localhost/O=warren-bench" -out "$work/server.csr"
  host=$(hostname)
  san="DNS:localhost,IP:127.0.0.1,IP:::1"
  [[ -z $host || $host == localhost ]] || san="$san,DNS:$host"
  cat >"$work/server.ext" <<EXT
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = $san
EXT
  openssl x509 -req -in "$work/server.csr" -CA "$ca_cert" -CAkey "$ca_key" -CAcreateserial \
    -CAserial "$work/ca.srl" -days 365 -sha256 -extfile "$work/server.ext" -out "$server_cert" 2>/dev/null
  umask 022
fi
# RabbitMQ runs as its own user and must read the key; Warren (or whoever runs it) reads the same
# files, so the key is readable by the rabbitmq group and the owner only.
chmod 755 "$dir"
chmod 644 "$ca_cert" "$server_cert"
chmod 600 "$ca_key"
chmod 640 "$server_key"
if getent group rabbitmq >/dev/null; then
  chgrp rabbitmq "$server_key"
fi
openssl verify -CAfile "$ca_cert" "$server_cert" >/dev/null

# The keys both brokers read; verify_none with fail_if_no_peer_cert false: clients are not asked
# for certificates, as in a default RabbitMQ TLS setup without client certificates.
tls_options() {
  cat <<CONF
ssl_options.cacertfile = $ca_cert
ssl_options.certfile = $server_cert
ssl_options.keyfile = $server_key
ssl_options.verify = verify_none
ssl_options.fail_if_no_peer_cert = false
ssl_options.versions.1 = tlsv1.3
ssl_options.versions.2 = tlsv1.2
CONF
}

if ((configure)); then
  [[ -d $(dirname "$conf") ]] || { echo "tls-rabbitmq.sh: $(dirname "$conf") does not exist; is RabbitMQ installed?" >&2; exit 1; }
  if [[ -f $conf && ! -f $conf.before-warren-bench ]]; then
    cp -p "$conf" "$conf.before-warren-bench"
  fi
  {
    without_block
    echo "$begin_mark"
    echo "listeners.tcp.default = 5672"
    echo "listeners.ssl.default = $port"
    tls_options
    echo "$end_mark"
  } >"$conf.tmp"
  mv "$conf.tmp" "$conf"
  chmod 644 "$conf"
  echo "tls-rabbitmq.sh: wrote the TLS block into $conf" >&2
  if ((restart)); then
    restart_rabbitmq
  fi
fi

cat <<OUT
CA certificate:     $ca_cert
server certificate: $server_cert
server key:         $server_key
RabbitMQ AMQPS:     amqps://guest:guest@localhost:$port

For Warren, the same certificates in its configuration file (WARREN_CONFIG), e.g. with
listeners.ssl.default = 5674:
$(tls_options)

Load tool: --ca $ca_cert (checks the certificate chain and the host name).
OUT

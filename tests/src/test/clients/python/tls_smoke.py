"""Pika over TLS (Debian's python3-pika): round-trips one message on an AMQPS listener.

Usage: tls_smoke.py HOST PORT CAFILE plain USER PASSWORD [CERTFILE KEYFILE]
       tls_smoke.py HOST PORT CAFILE external CERTFILE KEYFILE

Connects with pika's ssl_options (an SSLContext that trusts CAFILE and checks the host name,
with the client certificate when one is given), logs in with PLAIN or with EXTERNAL (pika's
ExternalCredentials: the user comes from the certificate), declares a server-named exclusive
queue, publishes one message with confirms, gets it back and checks it. Prints the negotiated
TLS version and "pika tls smoke: ok"; exits 0 only if all of that held.
"""
import ssl
import sys

import pika

TIMEOUT_SECONDS = 10


def fail(reason):
    print("pika tls smoke: " + reason, file=sys.stderr)
    sys.exit(1)


def main(host, port, cafile, mode, rest):
    context = ssl.create_default_context(cafile=cafile)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if mode == "plain":
        user, password = rest[0], rest[1]
        credentials = pika.PlainCredentials(user, password)
        certificate = rest[2:4]
    elif mode == "external":
        credentials = pika.credentials.ExternalCredentials()
        certificate = rest[0:2]
    else:
        sys.exit("mode must be plain or external")
    if certificate:
        context.load_cert_chain(certificate[0], certificate[1])
    params = pika.ConnectionParameters(
        host=host, port=port, virtual_host="/", credentials=credentials,
        ssl_options=pika.SSLOptions(context, server_hostname="localhost"),
        connection_attempts=1, socket_timeout=TIMEOUT_SECONDS, blocked_connection_timeout=TIMEOUT_SECONDS)
    body = b"over tls " + bytes(range(256))
    with pika.BlockingConnection(params) as connection:
        channel = connection.channel()
        queue = channel.queue_declare(queue="", exclusive=True).method.queue
        channel.confirm_delivery()
        channel.basic_publish(exchange="", routing_key=queue, body=body, mandatory=True)
        method, _, received = channel.basic_get(queue, auto_ack=True)
        if method is None:
            fail("the published message is not in the queue")
        if received != body:
            fail("body changed: sent %r, got %r" % (body, received))
    print("pika tls smoke: ok (%s)" % mode)


if __name__ == "__main__":
    if len(sys.argv) < 6:
        sys.exit(__doc__)
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5:])

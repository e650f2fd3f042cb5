"""Smoke test with Python's pika (Debian's python3-pika): round-trips one message as guest.

Usage: smoke.py HOST PORT. Declares a server-named exclusive queue, publishes one message with
publisher confirms, consumes it with a manual ack, and checks body and properties came back
unchanged and that the ack removed it. Exits 0 only if all of that held.
"""
import sys
import uuid

import pika

DELIVERY_TIMEOUT_SECONDS = 10


def fail(reason):
    print("pika smoke: " + reason, file=sys.stderr)
    sys.exit(1)


def main(host, port):
    params = pika.ConnectionParameters(
        host=host, port=port, virtual_host="/",
        credentials=pika.PlainCredentials("guest", "guest"),
        connection_attempts=1, socket_timeout=DELIVERY_TIMEOUT_SECONDS)
    message_id = str(uuid.uuid4())
    # Every byte value, so a broker that treats bodies as text is caught.
    body = ("warren smoke " + message_id + " ").encode() + bytes(range(256))
    headers = {"x-smoke-client": "pika", "x-attempt": 3}

    with pika.BlockingConnection(params) as connection:
        channel = connection.channel()
        queue = channel.queue_declare(queue="", exclusive=True).method.queue
        if not queue.startswith("amq.gen-"):
            fail("server-named queue is " + repr(queue))
        channel.confirm_delivery()
        # mandatory + confirms: basic_publish raises if the broker returns or nacks the message.
        channel.basic_publish(
            exchange="", routing_key=queue, body=body, mandatory=True,
            properties=pika.BasicProperties(
                content_type="application/octet-stream", message_id=message_id, headers=headers))

        delivery = next(channel.consume(queue, auto_ack=False,
                                        inactivity_timeout=DELIVERY_TIMEOUT_SECONDS))
        method, properties, received = delivery
        if method is None:
            fail("no delivery within %d s" % DELIVERY_TIMEOUT_SECONDS)
        if received != body:
            fail("body changed: sent %r, got %r" % (body, received))
        if properties.message_id != message_id or properties.content_type != "application/octet-stream":
            fail("properties changed: %r" % properties)
        if properties.headers != headers:
            fail("headers changed: sent %r, got %r" % (headers, properties.headers))
        if method.redelivered:
            fail("first delivery is flagged redelivered")
        channel.basic_ack(method.delivery_tag)
        channel.cancel()
        # Closing the channel requeues whatever it left unacked, so an empty queue afterwards
        # shows the ack was applied.
        channel.close()

        method, _, _ = connection.channel().basic_get(queue, auto_ack=True)
        if method is not None:
            fail("message still queued after its ack")
    print("pika smoke: ok")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: smoke.py HOST PORT")
    main(sys.argv[1], int(sys.argv[2]))

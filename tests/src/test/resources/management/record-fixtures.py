#!/usr/bin/env python3
"""Records a RabbitMQ management HTTP API's answers as fixtures for Warren's black-box tests.

Every call becomes one JSON file under OUT_DIR/<family>/<name>.json:

    {"request":  {"method", "path", "user", "body"},
     "response": {"status", "headers": {"content-type", "location", "allow"}, "body"}}

Volatile values (timestamps, pids, rates, node names, ports) are kept as they are: the tests
compare field names and JSON types, and exact values only for error bodies.

The script creates everything it uses under the prefix "warren-fixture" (a vhost, a few users,
a global parameter) and deletes it again, so it can run against a shared broker. It needs only
the Python standard library; a few lines of raw AMQP 0-9-1 open the connection, channel and
consumer that the connection/channel/consumer endpoints report on.

    python3 record-fixtures.py [--api http://localhost:15672] [--amqp-port 5672] [--out DIR]
"""
import argparse
import base64
import json
import os
import socket
import struct
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

PREFIX = "warren-fixture"
VHOST = PREFIX + "-vh"
GUEST = ("guest", "guest")
TAGGED_USERS = {"management": "management", "policymaker": "policymaker",
                "monitoring": "monitoring", "none": ""}
KEPT_HEADERS = ("content-type", "location", "allow")


def q(name):
    return urllib.parse.quote(name, safe="")


class Api:
    def __init__(self, base, out_dir):
        self.base = base.rstrip("/")
        self.out_dir = out_dir
        self.recorded = 0

    def call(self, method, path, body=None, user=GUEST, raw=None, headers=None):
        """Performs one request; returns (status, headers, parsed body or None)."""
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        request = urllib.request.Request(self.base + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if user is not None:
            token = base64.b64encode(("%s:%s" % user).encode()).decode()
            request.add_header("Authorization", "Basic " + token)
        for key, value in (headers or {}).items():
            request.add_header(key, value)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, head, payload = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, head, payload = error.code, error.headers, error.read()
        text = payload.decode("utf-8", "replace")
        try:
            parsed = json.loads(text) if text.strip() else None
        except ValueError:
            parsed = text
        kept = {k: head.get(k) for k in KEPT_HEADERS if head.get(k) is not None}
        return status, kept, parsed

    def record(self, name, method, path, body=None, user=GUEST, raw=None, headers=None):
        status, head, parsed = self.call(method, path, body, user, raw, headers)
        fixture = {
            "request": {"method": method, "path": path,
                        "user": None if user is None else user[0],
                        "body": raw.decode() if raw is not None else body},
            "response": {"status": status, "headers": head, "body": parsed},
        }
        target = os.path.join(self.out_dir, name + ".json")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w") as out:
            json.dump(fixture, out, indent=2, sort_keys=True)
            out.write("\n")
        self.recorded += 1
        return status, head, parsed

    def must(self, method, path, body=None, user=GUEST):
        status, _, parsed = self.call(method, path, body, user)
        if status >= 300:
            raise SystemExit("%s %s failed: %s %s" % (method, path, status, parsed))
        return parsed


class RawAmqp:
    """Just enough AMQP 0-9-1 to hold a named connection with a channel, a prefetch and a consumer."""

    def __init__(self, host, port, vhost, user, name):
        self.sock = socket.create_connection((host, port), timeout=10)
        self.sock.sendall(b"AMQP\x00\x00\x09\x01")
        self.expect(10, 10)
        props = self.table({"connection_name": name, "product": PREFIX + "-recorder"})
        response = ("\0%s\0%s" % user).encode()
        self.method(0, 10, 11, props + self.short_str("PLAIN") + self.long_str(response) + self.short_str("en_US"))
        tune = self.expect(10, 30)
        channel_max, frame_max, _ = struct.unpack(">HIH", tune[:8])
        self.method(0, 10, 31, struct.pack(">HIH", channel_max, frame_max, 0))
        self.method(0, 10, 40, self.short_str(vhost) + self.short_str("") + b"\x00")
        self.expect(10, 41)
        self.method(1, 20, 10, self.short_str(""))
        self.expect(20, 11)

    def consume(self, queue, tag, prefetch):
        self.method(1, 60, 10, struct.pack(">IHB", 0, prefetch, 0))
        self.expect(60, 11)
        self.method(1, 60, 20, struct.pack(">H", 0) + self.short_str(queue) + self.short_str(tag)
                    + b"\x00" + struct.pack(">I", 0))
        self.expect(60, 21)

    def close(self):
        self.method(0, 10, 50, struct.pack(">H", 200) + self.short_str("bye") + struct.pack(">HH", 0, 0))
        self.expect(10, 51)
        self.sock.close()

    @staticmethod
    def short_str(text):
        raw = text.encode()
        return struct.pack(">B", len(raw)) + raw

    @staticmethod
    def long_str(raw):
        return struct.pack(">I", len(raw)) + raw

    def table(self, entries):
        body = b"".join(self.short_str(k) + b"S" + self.long_str(v.encode()) for k, v in entries.items())
        return self.long_str(body)

    def method(self, channel, class_id, method_id, args):
        payload = struct.pack(">HH", class_id, method_id) + args
        self.sock.sendall(struct.pack(">BHI", 1, channel, len(payload)) + payload + b"\xce")

    def read_exact(self, n):
        chunks = b""
        while len(chunks) < n:
            chunk = self.sock.recv(n - len(chunks))
            if not chunk:
                raise SystemExit("AMQP connection closed by the broker")
            chunks += chunk
        return chunks

    def expect(self, class_id, method_id):
        while True:
            kind, _, size = struct.unpack(">BHI", self.read_exact(7))
            payload = self.read_exact(size + 1)[:-1]
            if kind != 1:
                continue
            got = struct.unpack(">HH", payload[:4])
            if got == (class_id, method_id):
                return payload[4:]
            raise SystemExit("expected AMQP method %s, got %s" % ((class_id, method_id), got))


def wait_for(description, predicate, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.5)
    raise SystemExit("not ready within %ss: %s" % (timeout, description))


def clean(api):
    api.call("DELETE", "/api/vhosts/" + q(VHOST))
    for tag in TAGGED_USERS:
        api.call("DELETE", "/api/users/" + q(PREFIX + "-" + tag))
    for suffix in ("user", "made-user"):
        api.call("DELETE", "/api/users/" + q(PREFIX + "-" + suffix))
    api.call("DELETE", "/api/global-parameters/" + q(PREFIX + "-param"))


def set_up(api):
    """Creates the vhost and its objects; returns the names the recording uses."""
    vh = q(VHOST)
    api.must("PUT", "/api/vhosts/" + vh, {"description": "Warren fixture vhost", "tags": "fixture"})
    api.must("PUT", "/api/permissions/%s/guest" % vh, {"configure": ".*", "write": ".*", "read": ".*"})
    for tag, tags in TAGGED_USERS.items():
        user = q(PREFIX + "-" + tag)
        api.must("PUT", "/api/users/" + user, {"password": "secret", "tags": tags})
        api.must("PUT", "/api/permissions/%s/%s" % (vh, user), {"configure": ".*", "write": ".*", "read": ".*"})
    api.must("PUT", "/api/exchanges/%s/orders" % vh, {"type": "topic", "durable": True})
    api.must("PUT", "/api/exchanges/%s/audit" % vh, {"type": "fanout", "durable": True})
    for name in ("q.alpha", "q.beta", "q.gamma", "q.consumed"):
        api.must("PUT", "/api/queues/%s/%s" % (vh, q(name)),
                 {"durable": True, "auto_delete": False, "arguments": {"x-max-length": 1000}})
    api.must("POST", "/api/bindings/%s/e/orders/q/q.alpha" % vh, {"routing_key": "order.*", "arguments": {}})
    api.must("POST", "/api/bindings/%s/e/orders/e/audit" % vh, {"routing_key": "#", "arguments": {}})
    api.must("POST", "/api/bindings/%s/e/audit/q/q.beta" % vh, {"routing_key": "", "arguments": {}})
    api.must("PUT", "/api/policies/%s/ttl" % vh,
             {"pattern": "^q\\.gamma$", "definition": {"message-ttl": 60000}, "priority": 1, "apply-to": "queues"})
    api.must("PUT", "/api/operator-policies/%s/cap" % vh,
             {"pattern": "^q\\.", "definition": {"max-length": 5000}, "priority": 0, "apply-to": "queues"})
    api.must("PUT", "/api/topic-permissions/%s/guest" % vh, {"exchange": "amq.topic", "write": ".*", "read": ".*"})
    for i in range(3):
        api.must("POST", "/api/exchanges/%s/orders/publish" % vh,
                 {"properties": {"delivery_mode": 2, "headers": {"n": i}}, "routing_key": "order.new",
                  "payload": "message %d" % i, "payload_encoding": "string"})


def record_overview(api, users):
    api.record("overview/overview", "GET", "/api/overview")
    api.record("overview/overview-as-management", "GET", "/api/overview", user=users["management"])
    api.record("overview/overview-as-monitoring", "GET", "/api/overview", user=users["monitoring"])
    api.record("overview/cluster-name", "GET", "/api/cluster-name")
    api.record("overview/extensions", "GET", "/api/extensions")
    api.record("overview/whoami", "GET", "/api/whoami")
    api.record("overview/whoami-as-management", "GET", "/api/whoami", user=users["management"])
    api.record("overview/version", "GET", "/api/version")
    node = api.must("GET", "/api/overview")["node"]
    api.record("nodes/list", "GET", "/api/nodes")
    api.record("nodes/show", "GET", "/api/nodes/" + q(node))
    api.record("nodes/show-missing", "GET", "/api/nodes/" + q("rabbit@no-such-host"))
    api.record("nodes/list-as-management", "GET", "/api/nodes", user=users["management"])
    api.record("nodes/list-as-monitoring", "GET", "/api/nodes", user=users["monitoring"])


def record_connections(api, users):
    vh = q(VHOST)
    connections = api.must("GET", "/api/vhosts/%s/connections" % vh)
    name = connections[0]["name"]
    api.record("connections/list", "GET", "/api/connections")
    api.record("connections/list-vhost", "GET", "/api/vhosts/%s/connections" % vh)
    api.record("connections/show", "GET", "/api/connections/" + q(name))
    api.record("connections/show-missing", "GET", "/api/connections/" + q("127.0.0.1:1 -> 127.0.0.1:2"))
    api.record("connections/channels", "GET", "/api/connections/%s/channels" % q(name))
    api.record("connections/list-as-management", "GET", "/api/connections", user=users["management"])
    channels = api.must("GET", "/api/vhosts/%s/channels" % vh)
    api.record("channels/list", "GET", "/api/channels")
    api.record("channels/list-vhost", "GET", "/api/vhosts/%s/channels" % vh)
    api.record("channels/show", "GET", "/api/channels/" + q(channels[0]["name"]))
    api.record("channels/show-missing", "GET", "/api/channels/" + q("nope (1)"))
    api.record("consumers/list", "GET", "/api/consumers")
    api.record("consumers/list-vhost", "GET", "/api/consumers/" + vh)
    api.record("consumers/list-missing-vhost", "GET", "/api/consumers/no-such-vhost")


def record_exchanges(api):
    vh = q(VHOST)
    api.record("exchanges/list", "GET", "/api/exchanges")
    api.record("exchanges/list-vhost", "GET", "/api/exchanges/" + vh)
    api.record("exchanges/list-missing-vhost", "GET", "/api/exchanges/no-such-vhost")
    api.record("exchanges/show", "GET", "/api/exchanges/%s/orders" % vh)
    api.record("exchanges/show-default", "GET", "/api/exchanges/%s/amq.default" % vh)
    api.record("exchanges/show-missing", "GET", "/api/exchanges/%s/no-such-exchange" % vh)
    api.record("exchanges/bindings-source", "GET", "/api/exchanges/%s/orders/bindings/source" % vh)
    api.record("exchanges/bindings-destination", "GET", "/api/exchanges/%s/audit/bindings/destination" % vh)
    api.record("exchanges/put-create", "PUT", "/api/exchanges/%s/made" % vh, {"type": "direct", "durable": True})
    api.record("exchanges/put-again", "PUT", "/api/exchanges/%s/made" % vh, {"type": "direct", "durable": True})
    api.record("exchanges/put-inequivalent", "PUT", "/api/exchanges/%s/made" % vh, {"type": "fanout", "durable": True})
    api.record("exchanges/put-missing-type", "PUT", "/api/exchanges/%s/untyped" % vh, {"durable": True})
    api.record("exchanges/put-bad-type", "PUT", "/api/exchanges/%s/badtype" % vh, {"type": "no-such-type"})
    api.record("exchanges/publish", "POST", "/api/exchanges/%s/orders/publish" % vh,
               {"properties": {}, "routing_key": "order.paid", "payload": "hello", "payload_encoding": "string"})
    api.record("exchanges/publish-unrouted", "POST", "/api/exchanges/%s/amq.direct/publish" % vh,
               {"properties": {}, "routing_key": "nobody", "payload": "hello", "payload_encoding": "string"})
    api.record("exchanges/publish-missing-field", "POST", "/api/exchanges/%s/orders/publish" % vh,
               {"properties": {}, "routing_key": "order.paid"})
    api.record("exchanges/delete", "DELETE", "/api/exchanges/%s/made" % vh)
    api.record("exchanges/delete-missing", "DELETE", "/api/exchanges/%s/made" % vh)
    api.record("exchanges/delete-if-unused", "DELETE", "/api/exchanges/%s/orders?if-unused=true" % vh)


def record_queues(api):
    vh = q(VHOST)
    base = "/api/queues/" + vh
    api.record("queues/list", "GET", "/api/queues")
    api.record("queues/list-vhost", "GET", base)
    api.record("queues/list-missing-vhost", "GET", "/api/queues/no-such-vhost")
    api.record("queues/list-paged", "GET", base + "?page=1&page_size=2")
    api.record("queues/list-paged-page2", "GET", base + "?page=2&page_size=2")
    api.record("queues/list-paged-beyond", "GET", base + "?page=9&page_size=2")
    api.record("queues/list-paged-name", "GET", base + "?page=1&page_size=100&name=alpha")
    api.record("queues/list-paged-regex", "GET", base + "?page=1&page_size=100&name=%5Eq%5C.(alpha%7Cbeta)%24&use_regex=true")
    api.record("queues/list-paged-bad-size", "GET", base + "?page=1&page_size=501")
    api.record("queues/list-paged-bad-page", "GET", base + "?page=abc")
    api.record("queues/list-sorted", "GET", base + "?sort=name&sort_reverse=true")
    api.record("queues/list-sorted-messages", "GET", base + "?sort=messages")
    api.record("queues/list-columns", "GET", base + "?columns=name,messages,arguments.x-max-length")
    api.record("queues/list-disable-stats", "GET", base + "?disable_stats=true")
    api.record("queues/list-disable-stats-totals", "GET", base + "?disable_stats=true&enable_queue_totals=true")
    api.record("queues/list-detailed", "GET", "/api/queues/detailed")
    api.record("queues/show", "GET", base + "/q.alpha")
    api.record("queues/show-with-policy", "GET", base + "/q.gamma")
    api.record("queues/show-with-consumer", "GET", base + "/q.consumed")
    api.record("queues/show-missing", "GET", base + "/no-such-queue")
    api.record("queues/show-missing-vhost", "GET", "/api/queues/no-such-vhost/q.alpha")
    api.record("queues/bindings", "GET", base + "/q.alpha/bindings")
    api.record("queues/get", "POST", base + "/q.alpha/get",
               {"count": 2, "ackmode": "ack_requeue_true", "encoding": "auto", "truncate": 50000})
    api.record("queues/get-base64", "POST", base + "/q.alpha/get",
               {"count": 1, "ackmode": "reject_requeue_true", "encoding": "base64"})
    api.record("queues/get-empty", "POST", base + "/q.gamma/get",
               {"count": 1, "ackmode": "ack_requeue_false", "encoding": "auto"})
    api.record("queues/get-bad-ackmode", "POST", base + "/q.alpha/get",
               {"count": 1, "ackmode": "sometimes", "encoding": "auto"})
    api.record("queues/get-missing-field", "POST", base + "/q.alpha/get", {"count": 1})
    api.record("queues/put-create", "PUT", base + "/q.made", {"durable": True, "auto_delete": False, "arguments": {}})
    api.record("queues/put-again", "PUT", base + "/q.made", {"durable": True, "auto_delete": False, "arguments": {}})
    api.record("queues/put-empty-body", "PUT", base + "/q.defaults", raw=b"")
    api.record("queues/put-inequivalent", "PUT", base + "/q.made",
               {"durable": True, "auto_delete": False, "arguments": {"x-max-length": 10}})
    api.record("queues/put-inequivalent-durable", "PUT", base + "/q.made", {"durable": False})
    api.record("queues/put-bad-max-length", "PUT", base + "/q.badlen", {"durable": True, "arguments": {"x-max-length": "abc"}})
    api.record("queues/put-bad-json", "PUT", base + "/q.badjson", raw=b"{\"durable\": tru")
    api.record("queues/put-missing-vhost", "PUT", "/api/queues/no-such-vhost/q.x", {"durable": True})
    api.record("queues/purge", "DELETE", base + "/q.made/contents")
    api.record("queues/delete-if-empty-refused", "DELETE", base + "/q.alpha?if-empty=true")
    api.record("queues/delete", "DELETE", base + "/q.made")
    api.record("queues/delete-missing", "DELETE", base + "/q.made")
    api.call("DELETE", base + "/q.defaults")


def record_bindings(api):
    vh = q(VHOST)
    api.record("bindings/list", "GET", "/api/bindings")
    api.record("bindings/list-vhost", "GET", "/api/bindings/" + vh)
    api.record("bindings/list-missing-vhost", "GET", "/api/bindings/no-such-vhost")
    eq = "/api/bindings/%s/e/orders/q/q.alpha" % vh
    api.record("bindings/create", "POST", eq, {"routing_key": "order.paid", "arguments": {}})
    api.record("bindings/create-with-args", "POST", eq, {"routing_key": "order.args", "arguments": {"x-match": "any"}})
    api.record("bindings/create-empty-key", "POST", eq, {"routing_key": "", "arguments": {}})
    api.record("bindings/list-e-q", "GET", eq)
    api.record("bindings/show", "GET", eq + "/order.paid")
    api.record("bindings/show-empty-key", "GET", eq + "/~")
    api.record("bindings/show-missing", "GET", eq + "/order.nothing")
    api.record("bindings/delete", "DELETE", eq + "/order.paid")
    api.record("bindings/delete-missing", "DELETE", eq + "/order.paid")
    api.record("bindings/create-missing-queue", "POST", "/api/bindings/%s/e/orders/q/no-such-queue" % vh,
               {"routing_key": "x", "arguments": {}})
    api.record("bindings/create-missing-exchange", "POST", "/api/bindings/%s/e/no-such-exchange/q/q.alpha" % vh,
               {"routing_key": "x", "arguments": {}})
    api.record("bindings/create-bad-json", "POST", eq, raw=b"[1,2")
    ee = "/api/bindings/%s/e/orders/e/audit" % vh
    api.record("bindings/e2e-create", "POST", ee, {"routing_key": "order.#", "arguments": {}})
    api.record("bindings/e2e-list", "GET", ee)
    api.record("bindings/e2e-show", "GET", ee + "/order.%23")
    api.record("bindings/e2e-delete", "DELETE", ee + "/order.%23")


def record_access(api, users):
    vh = q(VHOST)
    user = q(PREFIX + "-user")
    api.record("vhosts/list", "GET", "/api/vhosts")
    api.record("vhosts/show", "GET", "/api/vhosts/" + vh)
    api.record("vhosts/show-missing", "GET", "/api/vhosts/no-such-vhost")
    api.record("vhosts/permissions", "GET", "/api/vhosts/%s/permissions" % vh)
    api.record("vhosts/topic-permissions", "GET", "/api/vhosts/%s/topic-permissions" % vh)
    api.record("vhosts/list-as-management", "GET", "/api/vhosts", user=users["management"])
    made = "/api/vhosts/" + q(PREFIX + "-made-vh")
    api.record("vhosts/put-create", "PUT", made, {"description": "made", "tags": "a,b"})
    api.record("vhosts/put-again", "PUT", made, {"description": "changed"})
    api.record("vhosts/delete", "DELETE", made)
    api.record("vhosts/delete-missing", "DELETE", made)
    api.record("vhosts/put-as-management", "PUT", made, {}, user=users["management"])
    api.record("users/list", "GET", "/api/users")
    api.record("users/without-permissions", "GET", "/api/users/without-permissions")
    api.record("users/put-create", "PUT", "/api/users/" + user, {"password": "pw", "tags": "management"})
    api.record("users/put-again", "PUT", "/api/users/" + user, {"password": "pw2", "tags": "monitoring,policymaker"})
    api.record("users/put-hash", "PUT", "/api/users/" + q(PREFIX + "-made-user"),
               {"password_hash": "", "tags": ["management"]})
    api.record("users/put-missing-tags", "PUT", "/api/users/" + user, {"password": "pw"})
    api.record("users/show", "GET", "/api/users/" + user)
    api.record("users/show-missing", "GET", "/api/users/no-such-user")
    api.record("users/permissions", "GET", "/api/users/%s/permissions" % q("guest"))
    api.record("users/topic-permissions", "GET", "/api/users/%s/topic-permissions" % q("guest"))
    api.record("users/list-as-management", "GET", "/api/users", user=users["management"])
    api.record("users/list-as-monitoring", "GET", "/api/users", user=users["monitoring"])
    api.record("permissions/list", "GET", "/api/permissions")
    api.record("permissions/put-create", "PUT", "/api/permissions/%s/%s" % (vh, user),
               {"configure": "^q\\.", "write": ".*", "read": ".*"})
    api.record("permissions/put-again", "PUT", "/api/permissions/%s/%s" % (vh, user),
               {"configure": ".*", "write": ".*", "read": ".*"})
    api.record("permissions/put-missing-field", "PUT", "/api/permissions/%s/%s" % (vh, user), {"configure": ".*"})
    api.record("permissions/put-missing-user", "PUT", "/api/permissions/%s/no-such-user" % vh,
               {"configure": ".*", "write": ".*", "read": ".*"})
    api.record("permissions/show", "GET", "/api/permissions/%s/%s" % (vh, user))
    api.record("permissions/show-missing", "GET", "/api/permissions/%s/%s" % (vh, q(PREFIX + "-made-user")))
    api.record("permissions/delete", "DELETE", "/api/permissions/%s/%s" % (vh, user))
    api.record("permissions/delete-missing", "DELETE", "/api/permissions/%s/%s" % (vh, user))
    api.record("topic-permissions/list", "GET", "/api/topic-permissions")
    api.record("topic-permissions/put-create", "PUT", "/api/topic-permissions/%s/%s" % (vh, user),
               {"exchange": "amq.topic", "write": "^a", "read": ".*"})
    api.record("topic-permissions/show", "GET", "/api/topic-permissions/%s/%s" % (vh, user))
    api.record("topic-permissions/put-missing-field", "PUT", "/api/topic-permissions/%s/%s" % (vh, user),
               {"write": "^a", "read": ".*"})
    api.record("topic-permissions/delete", "DELETE", "/api/topic-permissions/%s/%s" % (vh, user))
    api.record("topic-permissions/show-missing", "GET", "/api/topic-permissions/%s/%s" % (vh, user))
    api.record("users/delete", "DELETE", "/api/users/" + user)
    api.record("users/delete-missing", "DELETE", "/api/users/" + user)


def record_policies(api, users):
    vh = q(VHOST)
    api.record("policies/list", "GET", "/api/policies")
    api.record("policies/list-vhost", "GET", "/api/policies/" + vh)
    api.record("policies/list-missing-vhost", "GET", "/api/policies/no-such-vhost")
    api.record("policies/show", "GET", "/api/policies/%s/ttl" % vh)
    api.record("policies/show-missing", "GET", "/api/policies/%s/no-such-policy" % vh)
    policy = {"pattern": "^made\\.", "definition": {"max-length": 10, "dead-letter-exchange": "dlx"},
              "priority": 3, "apply-to": "queues"}
    api.record("policies/put-create", "PUT", "/api/policies/%s/made" % vh, policy)
    api.record("policies/put-again", "PUT", "/api/policies/%s/made" % vh, policy)
    api.record("policies/put-bad-key", "PUT", "/api/policies/%s/bad" % vh,
               {"pattern": ".*", "definition": {"no-such-key": 1}})
    api.record("policies/put-bad-value", "PUT", "/api/policies/%s/bad" % vh,
               {"pattern": ".*", "definition": {"max-length": "abc"}})
    api.record("policies/put-bad-apply-to", "PUT", "/api/policies/%s/bad" % vh,
               {"pattern": ".*", "definition": {"max-length": 1}, "apply-to": "nothing"})
    api.record("policies/put-missing-pattern", "PUT", "/api/policies/%s/bad" % vh, {"definition": {"max-length": 1}})
    api.record("policies/put-bad-json", "PUT", "/api/policies/%s/bad" % vh, raw=b"{pattern: 1}")
    api.record("policies/list-as-management", "GET", "/api/policies/" + vh, user=users["management"])
    api.record("policies/list-as-policymaker", "GET", "/api/policies/" + vh, user=users["policymaker"])
    api.record("policies/put-as-management", "PUT", "/api/policies/%s/bad" % vh,
               {"pattern": ".*", "definition": {"max-length": 1}}, user=users["management"])
    api.record("policies/delete", "DELETE", "/api/policies/%s/made" % vh)
    api.record("policies/delete-missing", "DELETE", "/api/policies/%s/made" % vh)
    api.record("operator-policies/list", "GET", "/api/operator-policies")
    api.record("operator-policies/list-vhost", "GET", "/api/operator-policies/" + vh)
    api.record("operator-policies/show", "GET", "/api/operator-policies/%s/cap" % vh)
    api.record("operator-policies/put-create", "PUT", "/api/operator-policies/%s/made" % vh,
               {"pattern": "^made\\.", "definition": {"message-ttl": 1000}, "priority": 0, "apply-to": "queues"})
    api.record("operator-policies/put-bad-key", "PUT", "/api/operator-policies/%s/bad" % vh,
               {"pattern": ".*", "definition": {"dead-letter-exchange": "x"}})
    api.record("operator-policies/delete", "DELETE", "/api/operator-policies/%s/made" % vh)
    api.record("parameters/list", "GET", "/api/parameters")
    api.record("parameters/list-component", "GET", "/api/parameters/no-such-component")
    api.record("parameters/put-unknown-component", "PUT", "/api/parameters/no-such-component/%s/p" % vh,
               {"vhost": VHOST, "component": "no-such-component", "name": "p", "value": {}})
    gp = "/api/global-parameters/" + q(PREFIX + "-param")
    api.record("global-parameters/put-create", "PUT", gp, {"name": PREFIX + "-param", "value": {"a": 1}})
    api.record("global-parameters/list", "GET", "/api/global-parameters")
    api.record("global-parameters/show", "GET", gp)
    api.record("global-parameters/delete", "DELETE", gp)
    api.record("global-parameters/show-missing", "GET", gp)


def record_definitions(api):
    vh = q(VHOST)
    api.record("definitions/all", "GET", "/api/definitions")
    api.record("definitions/vhost", "GET", "/api/definitions/" + vh)
    api.record("definitions/vhost-missing", "GET", "/api/definitions/no-such-vhost")
    api.record("definitions/post-vhost", "POST", "/api/definitions/" + vh,
               {"queues": [{"name": "q.imported", "durable": True, "auto_delete": False, "arguments": {}}],
                "exchanges": [], "bindings": [], "policies": []})
    api.record("definitions/post-bad-json", "POST", "/api/definitions/" + vh, raw=b"{\"queues\": [")


def record_health(api, users):
    vh = q(VHOST)
    checks = "/api/health/checks/"
    api.record("health/alarms", "GET", checks + "alarms")
    api.record("health/local-alarms", "GET", checks + "local-alarms")
    api.record("health/port-listener-amqp", "GET", checks + "port-listener/5672")
    api.record("health/port-listener-closed", "GET", checks + "port-listener/5999")
    api.record("health/port-listener-bad", "GET", checks + "port-listener/abc")
    api.record("health/protocol-listener-amqp", "GET", checks + "protocol-listener/amqp091")
    api.record("health/protocol-listener-missing", "GET", checks + "protocol-listener/mqtt")
    api.record("health/virtual-hosts", "GET", checks + "virtual-hosts")
    api.record("health/node-is-quorum-critical", "GET", checks + "node-is-quorum-critical")
    api.record("health/node-is-mirror-sync-critical", "GET", checks + "node-is-mirror-sync-critical")
    api.record("health/certificate-expiration", "GET", checks + "certificate-expiration/1/weeks")
    api.record("health/ready-to-serve-clients", "GET", checks + "ready-to-serve-clients")
    api.record("health/is-in-service", "GET", checks + "is-in-service")
    api.record("health/aliveness-test", "GET", "/api/aliveness-test/" + vh)
    api.record("health/aliveness-test-missing-vhost", "GET", "/api/aliveness-test/no-such-vhost")
    api.record("health/alarms-as-management", "GET", checks + "alarms", user=users["management"])
    api.record("health/alarms-as-monitoring", "GET", checks + "alarms", user=users["monitoring"])


def record_errors(api, users):
    vh = q(VHOST)
    api.record("errors/no-credentials", "GET", "/api/overview", user=None)
    api.record("errors/wrong-password", "GET", "/api/overview", user=("guest", "wrong"))
    api.record("errors/unknown-user", "GET", "/api/overview", user=(PREFIX + "-nobody", "x"))
    api.record("errors/no-tag-overview", "GET", "/api/overview", user=users["none"])
    api.record("errors/no-tag-whoami", "GET", "/api/whoami", user=users["none"])
    api.record("errors/management-definitions", "GET", "/api/definitions", user=users["management"])
    api.record("errors/monitoring-definitions", "GET", "/api/definitions", user=users["monitoring"])
    api.record("errors/policymaker-users", "GET", "/api/users", user=users["policymaker"])
    api.record("errors/management-queue-put-other-vhost", "PUT", "/api/queues/%2F/" + q(PREFIX + "-q"),
               {"durable": False}, user=users["management"])
    api.record("errors/method-not-allowed-overview", "DELETE", "/api/overview")
    api.record("errors/method-not-allowed-queues", "POST", "/api/queues", {})
    api.record("errors/method-not-allowed-queue", "POST", "/api/queues/%s/q.alpha" % vh, {})
    api.record("errors/unknown-path", "GET", "/api/no-such-endpoint")
    api.record("errors/bad-json-exchange", "PUT", "/api/exchanges/%s/badjson" % vh, raw=b"not json")
    api.record("errors/json-not-object", "PUT", "/api/exchanges/%s/badjson" % vh, raw=b"[]")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--api", default="http://localhost:15672")
    parser.add_argument("--amqp-host", default="localhost")
    parser.add_argument("--amqp-port", type=int, default=5672)
    parser.add_argument("--out", default=os.path.join(here, "rabbitmq-3.10.8"))
    args = parser.parse_args()
    api = Api(args.api, args.out)
    clean(api)
    users = {tag: (PREFIX + "-" + tag, "secret") for tag in TAGGED_USERS}
    amqp = None
    try:
        set_up(api)
        amqp = RawAmqp(args.amqp_host, args.amqp_port, VHOST, GUEST, PREFIX + "-connection")
        amqp.consume("q.consumed", PREFIX + "-consumer", 10)
        vh = q(VHOST)
        wait_for("connection and channel stats", lambda: any(
            c.get("channels") == 1 for c in api.must("GET", "/api/vhosts/%s/connections" % vh))
                 and api.must("GET", "/api/vhosts/%s/channels" % vh))
        wait_for("queue stats", lambda: "message_stats" in api.must("GET", "/api/queues/%s/q.alpha" % vh)
                 and "messages" in api.must("GET", "/api/queues/%s/q.consumed" % vh))
        record_overview(api, users)
        record_connections(api, users)
        record_exchanges(api)
        record_queues(api)
        record_bindings(api)
        record_access(api, users)
        record_policies(api, users)
        record_definitions(api)
        record_health(api, users)
        record_errors(api, users)
    finally:
        if amqp is not None:
            amqp.close()
        clean(api)
    print("recorded %d calls into %s" % (api.recorded, args.out), file=sys.stderr)


if __name__ == "__main__":
    main()

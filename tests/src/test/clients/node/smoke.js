// Smoke test with Node.js amqplib (pinned in package.json): round-trips one message as guest.
//
// Usage: node smoke.js HOST PORT. Declares a server-named exclusive queue, publishes one message
// on a confirm channel, consumes it with a manual ack, and checks body and properties came back
// unchanged and that the ack removed it. Exits 0 only if all of that held.
'use strict';

const amqp = require('amqplib');
const { randomUUID } = require('node:crypto');
const { isDeepStrictEqual } = require('node:util');

const DELIVERY_TIMEOUT_MS = 10000;

class SmokeFailure extends Error {}

function check(condition, reason) {
  if (!condition) {
    throw new SmokeFailure(reason);
  }
}

function nextDelivery(channel, queue) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new SmokeFailure(`no delivery within ${DELIVERY_TIMEOUT_MS} ms`)),
      DELIVERY_TIMEOUT_MS,
    );
    channel
      .consume(queue, (message) => {
        clearTimeout(timer);
        resolve(message);
      }, { noAck: false })
      .catch(reject);
  });
}

async function main(host, port) {
  const messageId = randomUUID();
  // Every byte value, so a broker that treats bodies as text is caught.
  const body = Buffer.concat([
    Buffer.from(`warren smoke ${messageId} `),
    Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  ]);
  const headers = { 'x-smoke-client': 'amqplib', 'x-attempt': 3 };

  const connection = await amqp.connect({
    protocol: 'amqp', hostname: host, port, vhost: '/', username: 'guest', password: 'guest',
  });
  try {
    const channel = await connection.createConfirmChannel();
    const { queue } = await channel.assertQueue('', { exclusive: true });
    check(queue.startsWith('amq.gen-'), `server-named queue is ${JSON.stringify(queue)}`);
    channel.publish('', queue, body, {
      mandatory: true, contentType: 'application/octet-stream', messageId, headers,
    });
    await channel.waitForConfirms();

    const message = await nextDelivery(channel, queue);
    check(message !== null, 'consumer cancelled by the broker');
    check(message.content.equals(body), `body changed: got ${message.content.toString('hex')}`);
    const { properties, fields } = message;
    check(properties.messageId === messageId && properties.contentType === 'application/octet-stream',
      `properties changed: ${JSON.stringify(properties)}`);
    check(isDeepStrictEqual(properties.headers, headers),
      `headers changed: sent ${JSON.stringify(headers)}, got ${JSON.stringify(properties.headers)}`);
    check(!fields.redelivered, 'first delivery is flagged redelivered');
    channel.ack(message);
    // Closing the channel requeues whatever it left unacked, so an empty queue afterwards shows
    // the ack was applied.
    await channel.close();

    const left = await (await connection.createChannel()).get(queue, { noAck: true });
    check(left === false, 'message still queued after its ack');
  } finally {
    await connection.close();
  }
  console.log('amqplib smoke: ok');
}

const [host, port] = process.argv.slice(2);
if (!host || !port) {
  console.error('usage: node smoke.js HOST PORT');
  process.exit(2);
}
main(host, Number(port)).catch((error) => {
  console.error(`amqplib smoke: ${error instanceof SmokeFailure ? error.message : error.stack}`);
  process.exit(1);
});

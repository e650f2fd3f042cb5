// Closes a connection right after a burst of publishes, with Node.js amqplib (pinned in
// package.json); run by io.warren.tests.clients.AmqplibCloseTest.
//
// Usage: node close-after-burst.js HOST PORT. amqplib writes connection.close ahead of publishes
// it still buffers, so the broker sees frames after it; a broker that closes the socket as soon
// as it sent close-ok resets the connection and the close fails with ECONNRESET or EPIPE (or
// never completes). Exits 0 only if connection.close() resolved without an error event.
'use strict';

const amqp = require('amqplib');

const MESSAGES = 20000;
const CLOSE_TIMEOUT_MS = 20000;

async function main(host, port) {
  const connection = await amqp.connect({
    protocol: 'amqp', hostname: host, port, vhost: '/', username: 'guest', password: 'guest',
  });
  connection.on('error', (error) => {
    console.error(`amqplib close: error event ${error}`);
    process.exit(1);
  });
  const channel = await connection.createChannel();
  const body = Buffer.alloc(1024, 1);
  for (let i = 0; i < MESSAGES; i++) {
    channel.publish('', `warren.burst.nowhere.${process.pid}`, body);
  }
  // Without a timer, a close whose promise never settles would just let Node exit 0.
  const timer = setTimeout(() => {
    console.error(`amqplib close: connection.close() did not settle within ${CLOSE_TIMEOUT_MS} ms`);
    process.exit(1);
  }, CLOSE_TIMEOUT_MS);
  await connection.close();
  clearTimeout(timer);
  console.log('amqplib close: ok');
}

const [host, port] = process.argv.slice(2);
if (!host || !port) {
  console.error('usage: node close-after-burst.js HOST PORT');
  process.exit(2);
}
main(host, Number(port)).catch((error) => {
  console.error(`amqplib close: ${error.stack || error}`);
  process.exit(1);
});

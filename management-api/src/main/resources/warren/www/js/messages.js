// Reading messages on the queue page: peek (Warren: leaves them in place, unmarked), get (with
// RabbitMQ's ack modes), and redrive of dead letters back to where they died (Warren).
import { api, path } from './api.js';
import { h, replace, fmt, keyValues, section } from './dom.js';
import { field, input, select, form } from './forms.js';
import { notice } from './notify.js';

const ACK_MODES = [
  ['ack_requeue_true', 'Nack message, requeue'],
  ['reject_requeue_true', 'Reject, requeue'],
  ['ack_requeue_false', 'Ack message, remove from queue'],
];

/** True when the message was dead-lettered at least once. */
export function isDeadLetter(message) {
  return Boolean(message.properties && message.properties.headers && message.properties.headers['x-death']);
}

function messageCard(message, index) {
  const { headers, ...properties } = message.properties || {};
  return h('article', { class: 'message', dataset: { index } },
    h('h3', {}, `Message ${index + 1}`, isDeadLetter(message) ? h('span', { class: 'tag warn' }, 'dead letter') : null),
    keyValues({
      Exchange: fmt.exchange(message.exchange),
      'Routing key': message.routing_key,
      Redelivered: message.redelivered ? 'yes' : 'no',
      'Left in queue': message.message_count,
    }),
    h('h4', {}, 'Properties'), keyValues(properties),
    h('h4', {}, 'Headers'), keyValues(headers),
    h('h4', {}, `Payload (${fmt.num(message.payload_bytes)} bytes, ${message.payload_encoding})`),
    h('pre', { class: 'payload' }, message.payload));
}

/**
 * The get/peek section. `onDeadLetters` is called when messages read here turn out to be dead
 * letters, so the page can offer redrive; `onChange` after a get, which may change the counts.
 */
export function readMessages(vhost, queue, { onDeadLetters, onChange }) {
  const results = h('div', { class: 'messages', id: 'message-results' });
  let verb = 'peek';

  function show(messages, taken) {
    if (messages.length === 0) {
      replace(results, h('p', { class: 'muted' }, 'The queue is empty.'));
    } else {
      replace(results, h('p', { class: 'muted' }, taken ? `Got ${messages.length}.` : `Peeked at ${messages.length}; they are still in the queue.`),
        messages.map(messageCard));
    }
    if (messages.some(isDeadLetter)) onDeadLetters();
  }

  const f = form({
    submit: 'Get messages',
    id: 'get-form',
    className: 'stack',
    async onSubmit(v) {
      const count = Number(v.count) || 1;
      if (verb === 'peek') {
        show(await api.post(path`/api/queues/${vhost}/${queue}/peek`, { count, encoding: v.encoding, truncate: 50000 }), false);
      } else {
        show(await api.post(path`/api/queues/${vhost}/${queue}/get`, { count, ackmode: v.ackmode, encoding: v.encoding, truncate: 50000 }), true);
        onChange();
      }
    },
  },
  h('div', { class: 'row' },
    field('Ack mode (for Get)', select('ackmode', ACK_MODES, 'ack_requeue_true')),
    field('Encoding', select('encoding', [['auto', 'Auto string / base64'], ['base64', 'Base64']], 'auto')),
    field('Messages', input('count', { type: 'number', min: 1, value: '1' }))));

  // Two submit buttons on one form: Peek is the safe default, Get needs the ack mode.
  const getButton = f.querySelector('button[type=submit]');
  getButton.addEventListener('click', () => { verb = 'get'; });
  const peekButton = h('button', { type: 'submit', class: 'secondary', id: 'peek-button', onClick: () => { verb = 'peek'; } }, 'Peek');
  getButton.id = 'get-button';
  getButton.before(peekButton);

  return section('Get messages',
    h('p', { class: 'muted' }, 'Peek shows messages and leaves them where they are. Get takes them, then acks, nacks or rejects them as chosen.'),
    f, results);
}

/** The redrive section: moves dead letters back to the queue each died in, or through an exchange. */
export function redrive(vhost, queue, onDone) {
  const outcome = h('p', { class: 'muted', id: 'redrive-outcome' });
  return section('Redrive dead letters',
    h('p', { class: 'muted' }, 'Sends dead-lettered messages back to the queue they last died in, or through the exchange given here. Messages with nowhere to go stay.'),
    form({
      submit: 'Redrive',
      id: 'redrive-form',
      async onSubmit(v) {
        const body = {};
        if (v.count.trim()) body.count = Number(v.count);
        if (v.exchange.trim()) body.exchange = v.exchange.trim();
        const result = await api.post(path`/api/queues/${vhost}/${queue}/redrive`, body);
        replace(outcome, `Moved ${fmt.num(result.moved)}, skipped ${fmt.num(result.skipped)}.`);
        notice(`Redrive moved ${result.moved} message(s).`);
        onDone();
      },
    },
    h('div', { class: 'row' },
      field('Messages', input('count', { type: 'number', min: 1, placeholder: 'all' })),
      field('Through exchange', input('exchange', { placeholder: 'back to the queue each died in' })))),
    outcome);
}

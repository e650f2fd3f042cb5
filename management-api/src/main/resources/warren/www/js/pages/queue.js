// One queue: its state, charts of its message rates and lengths, settings, consumers, bindings,
// and what can be done with it (publish, peek, get, redrive, purge, delete). The numbers and
// charts refresh every 5 seconds, with one request.
import { api, path, query } from '../api.js';
import { h, replace, fmt, keyValues, section, link, show, objectState } from '../dom.js';
import { table } from '../table.js';
import { publishForm } from '../forms.js';
import { bindingsTable, bindForm } from '../bindings.js';
import { readMessages, redrive, isDeadLetter } from '../messages.js';
import { attempt, notice, confirmAction } from '../notify.js';
import { href, navigate } from '../router.js';
import { features } from '../features.js';
import { SampleChart, MESSAGE_RATES, QUEUE_LENGTHS, chartBox } from '../charts.js';
import { pageRange } from '../ranges.js';

function stat(label, value, id) {
  return h('div', { class: 'stat', id }, h('span', { class: 'value' }, value), h('span', { class: 'label' }, label));
}

function summary(q) {
  return [
    h('div', { class: 'stats' },
      stat('Ready', fmt.num(q.messages_ready), 'messages-ready'),
      stat('Unacked', fmt.num(q.messages_unacknowledged), 'messages-unacked'),
      stat('Total', fmt.num(q.messages), 'messages-total'),
      stat('Consumers', fmt.num(q.consumers), 'consumer-count'),
      stat('Bytes', fmt.bytes(q.message_bytes))),
    keyValues({
      Type: q.type || 'classic', State: objectState(q), Node: q.node,
      Features: features(q).map((t) => t.title).join(', ') || 'none',
      'Incoming': fmt.rate(q.message_stats?.publish_details),
      'Deliver / get': fmt.rate(q.message_stats?.deliver_get_details),
      Ack: fmt.rate(q.message_stats?.ack_details),
    }),
  ];
}

function policies(q) {
  return [
    keyValues({ Policy: q.policy || 'none', 'Operator policy': q.operator_policy || 'none' }),
    h('h3', {}, 'Effective policy definition'),
    keyValues(q.effective_policy_definition, 'No policy applies.'),
  ];
}

const CONSUMER_COLUMNS = [
  { label: 'Consumer tag', cell: (c) => c.consumer_tag },
  { label: 'Channel', cell: (c) => (c.channel_details?.name ? link(href('channels', c.channel_details.name), c.channel_details.name) : '') },
  { label: 'User', cell: (c) => c.channel_details?.user || '' },
  { label: 'Ack required', cell: (c) => (c.ack_required ? 'yes' : 'no') },
  { label: 'Prefetch', numeric: true, cell: (c) => fmt.num(c.prefetch_count) },
  { label: 'Exclusive', cell: (c) => (c.exclusive ? 'yes' : 'no') },
  { label: 'Active', cell: (c) => (c.active === false ? 'no' : 'yes') },
  { label: 'Arguments', cell: (c) => (Object.keys(c.arguments || {}).length ? show(c.arguments) : '') },
];

export async function render(ctx, { vhost, name }) {
  const url = path`/api/queues/${vhost}/${name}`;
  const stateEl = h('div', { id: 'queue-summary' });
  const argsEl = h('div', { id: 'queue-arguments' });
  const policyEl = h('div', { id: 'queue-policy' });
  const consumersEl = h('div', { id: 'queue-consumers' });
  const bindingsEl = h('div', { id: 'queue-bindings' });
  const redriveSlot = h('div', {});
  const rateChart = chartBox('queue-rates-chart', 'Message rates');
  const lengthChart = chartBox('queue-lengths-chart', 'Queued messages');
  const range = await pageRange('basic', () => refreshing.again());
  let rates;
  let lengths;

  async function refresh() {
    const q = await attempt(() => api.get(query(url, range.query('lengths', 'msg_rates'))));
    if (!q || !ctx.active) return;
    rates.show(q.message_stats);
    lengths.show(q);
    replace(stateEl, summary(q));
    replace(argsEl, keyValues(q.arguments, 'No arguments.'));
    replace(policyEl, policies(q));
    replace(consumersEl, table(CONSUMER_COLUMNS, q.consumer_details || [], { empty: 'No consumers.' }));
  }

  async function refreshBindings() {
    const bindings = await attempt(() => api.get(`${url}/bindings`));
    if (bindings && ctx.active) replace(bindingsEl, bindingsTable(bindings, 'source', refreshBindings));
  }

  function offerRedrive() {
    if (!redriveSlot.firstChild) redriveSlot.append(redrive(vhost, name, refresh));
  }

  const danger = section('Danger zone', h('div', { class: 'actions' },
    h('button', { type: 'button', class: 'danger', id: 'purge-button', onClick: async () => {
      if (!(await confirmAction(`Remove all ready messages from ${name}?`, 'Purge'))) return;
      if ((await attempt(() => api.del(`${url}/contents`))) !== undefined) {
        notice(`Queue ${name} purged.`);
        refresh();
      }
    } }, 'Purge messages'),
    h('button', { type: 'button', class: 'danger', id: 'delete-button', onClick: async () => {
      if (!(await confirmAction(`Delete the queue ${name} and its messages?`, 'Delete'))) return;
      if ((await attempt(() => api.del(url))) !== undefined) {
        notice(`Queue ${name} deleted.`);
        navigate('queues');
      }
    } }, 'Delete queue')));

  replace(ctx.root,
    h('p', { class: 'crumbs' }, link(href('queues'), 'Queues'), ' / ', vhost),
    h('h1', {}, name),
    section('State', stateEl),
    h('div', { class: 'toolbar' }, h('label', { class: 'check' }, 'Charts show', range.picker)),
    h('div', { class: 'grid two' },
      section('Message rates', rateChart.box),
      section('Queued messages', lengthChart.box)),
    h('div', { class: 'grid two' }, section('Arguments', argsEl), section('Policy', policyEl)),
    section('Consumers', consumersEl),
    section('Bindings', bindingsEl, h('h3', {}, 'Add a binding'),
      bindForm(vhost, { destination_type: 'queue', destination: name }, refreshBindings)),
    h('div', { class: 'grid two' },
      section('Publish message', h('p', { class: 'muted' }, `Published through the default exchange with routing key "${name}".`),
        publishForm(vhost, '', name, refresh)),
      readMessages(vhost, name, { onDeadLetters: offerRedrive, onChange: refresh })),
    redriveSlot,
    danger);

  rates = new SampleChart(rateChart.canvas, MESSAGE_RATES, { rates: true });
  lengths = new SampleChart(lengthChart.canvas, QUEUE_LENGTHS);
  ctx.onDispose(() => { rates.destroy(); lengths.destroy(); });
  const refreshing = ctx.every(5000, refresh);
  await refreshing;
  refreshBindings();
  lookForDeadLetters(url, offerRedrive);
}

// A dead-letter queue is recognised by its head message: peek (Warren only) at one, quietly,
// since a broker without peek simply has no redrive either.
async function lookForDeadLetters(url, offerRedrive) {
  try {
    const head = await api.post(`${url}/peek`, { count: 1, encoding: 'auto', truncate: 1 });
    if (Array.isArray(head) && head.some(isDeadLetter)) offerRedrive();
  } catch {
    // No peek, no redrive: nothing to tell the user.
  }
}

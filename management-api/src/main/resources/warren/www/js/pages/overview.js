// Overview: object totals, queued messages, the node, and live charts of message rates and
// queue lengths, polled every 5 seconds.
import { api, hasTag } from '../api.js';
import { h, replace, fmt, section } from '../dom.js';
import { attempt } from '../notify.js';
import { LiveChart } from '../charts.js';

const RATES = [
  { key: 'publish', label: 'Publish' },
  { key: 'deliver_get', label: 'Deliver / get' },
  { key: 'ack', label: 'Ack' },
  { key: 'redeliver', label: 'Redeliver' },
];
const LENGTHS = [
  { key: 'messages_ready', label: 'Ready' },
  { key: 'messages_unacknowledged', label: 'Unacknowledged' },
  { key: 'messages', label: 'Total' },
];

function stat(label, value, id) {
  return h('div', { class: 'stat', id }, h('span', { class: 'value' }, value), h('span', { class: 'label' }, label));
}

function rateOf(stats, key) {
  const details = stats && stats[`${key}_details`];
  return details && typeof details.rate === 'number' ? Math.round(details.rate * 10) / 10 : 0;
}

export async function render(ctx) {
  const totals = h('div', { class: 'stats', id: 'object-totals' });
  const queued = h('div', { class: 'stats', id: 'queued-messages' });
  const node = h('div', { id: 'node-info' });
  const rateCanvas = h('canvas', { id: 'rates-chart', 'aria-label': 'Message rates' });
  const lengthCanvas = h('canvas', { id: 'lengths-chart', 'aria-label': 'Queued messages' });
  const title = h('h1', {}, 'Overview');

  replace(ctx.root, title,
    h('div', { class: 'grid two' },
      section('Message rates', h('div', { class: 'chart' }, rateCanvas)),
      section('Queued messages', h('div', { class: 'chart' }, lengthCanvas), queued)),
    h('div', { class: 'grid two' }, section('Totals', totals), section('Node', node)));

  const rates = new LiveChart(rateCanvas, RATES, '/s');
  const lengths = new LiveChart(lengthCanvas, LENGTHS);
  ctx.onDispose(() => { rates.destroy(); lengths.destroy(); });

  await ctx.every(5000, async () => {
    const overview = await attempt(() => api.get('/api/overview'));
    if (!overview || !ctx.active) return;
    const now = new Date();
    const stats = overview.message_stats || {};
    rates.add(now, Object.fromEntries(RATES.map((s) => [s.key, rateOf(stats, s.key)])));
    const q = overview.queue_totals || {};
    lengths.add(now, q);

    replace(title, 'Overview', h('span', { class: 'muted subtitle' },
      `${overview.product_name || 'Warren'} ${overview.product_version || ''} · ${overview.cluster_name || ''}`));
    const o = overview.object_totals || {};
    replace(totals, ['connections', 'channels', 'exchanges', 'queues', 'consumers'].map((k) =>
      stat(k[0].toUpperCase() + k.slice(1), fmt.num(o[k] ?? 0), `total-${k}`)));
    replace(queued, LENGTHS.map((s) => stat(s.label, fmt.num(q[s.key] ?? 0))));
    await showNode(node, overview);
  });
}

async function showNode(el, overview) {
  const rows = [['Name', overview.node || '–'], ['Version', `${overview.product_name || ''} ${overview.product_version || ''}`]];
  // Node statistics need the monitoring tag; for anyone else the API answers 401.
  if (hasTag('monitoring', 'administrator') && overview.node) {
    const nodes = await attempt(() => api.get('/api/nodes'));
    const n = nodes && nodes.find((x) => x.name === overview.node);
    if (n) {
      rows.push(['Uptime', fmt.duration(n.uptime)],
        ['Memory', `${fmt.bytes(n.mem_used)} of ${fmt.bytes(n.mem_limit)}${n.mem_alarm ? ' – ALARM' : ''}`],
        ['Disk free', `${fmt.bytes(n.disk_free)} (limit ${fmt.bytes(n.disk_free_limit)})${n.disk_free_alarm ? ' – ALARM' : ''}`],
        ['File descriptors', `${fmt.num(n.fd_used)} of ${fmt.num(n.fd_total)}`]);
    }
  }
  const listeners = (overview.listeners || []).map((l) => `${l.protocol} ${l.ip_address}:${l.port}`).join(', ');
  if (listeners) rows.push(['Listeners', listeners]);
  replace(el, h('table', { class: 'kv' }, h('tbody', {}, rows.map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, v))))));
}

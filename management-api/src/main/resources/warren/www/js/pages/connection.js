// One client connection, as RabbitMQ's connection page shows it: a chart of its data rates, who
// and what it is, its TLS session, its channels, the properties the client sent, and a way to
// close it. Refreshed every 5 s: one request for the connection, one for its channels.
import { api, path, query } from '../api.js';
import { h, replace, fmt, keyValues, section, link, show, objectState } from '../dom.js';
import { table } from '../table.js';
import { attemptFound } from '../notify.js';
import { href, navigate } from '../router.js';
import { SampleChart, DATA_RATES, chartBox } from '../charts.js';
import { pageRange } from '../ranges.js';
import { channelColumns } from '../channel-columns.js';
import { closeConnection } from '../connection-close.js';

function details(c) {
  const props = c.client_properties || {};
  return keyValues({
    ...(props.connection_name ? { 'Client-provided name': show(props.connection_name) } : {}),
    Username: c.user,
    'Virtual host': c.vhost,
    State: objectState(c),
    Protocol: c.protocol,
    Client: `${c.peer_host}:${c.peer_port}`,
    'Connected at': fmt.time(c.connected_at),
    SSL: c.ssl ? 'yes' : 'no',
    'SASL auth mechanism': c.auth_mechanism,
    Heartbeat: `${c.timeout}s`,
    'Frame max': `${fmt.num(c.frame_max)} bytes`,
    'Channel limit': `${fmt.num(c.channel_max)} channels`,
    Node: c.node,
  });
}

// RabbitMQ leaves the certificate rows out when the client sent none ("" on this page).
function tls(c) {
  const session = {
    'Protocol version': c.ssl_protocol, 'Key exchange': c.ssl_key_exchange,
    Cipher: c.ssl_cipher, Hash: c.ssl_hash,
  };
  const certificate = c.peer_cert_subject ? {
    ...(c.peer_cert_serial_number ? { 'Peer certificate serial number': c.peer_cert_serial_number } : {}),
    'Peer certificate issuer': c.peer_cert_issuer,
    'Peer certificate subject': c.peer_cert_subject,
    'Peer certificate validity': c.peer_cert_validity,
  } : {};
  return keyValues({ ...session, ...certificate });
}

function closeForm(name) {
  const reason = h('input', { type: 'text', name: 'reason', value: 'Closed via management plugin', 'aria-label': 'Reason' });
  const form = h('form', { id: 'close-connection-form', class: 'row' },
    h('label', { class: 'field' }, h('span', {}, 'Reason the client is told'), reason),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'danger' }, 'Force close')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (await closeConnection(name, reason.value)) navigate('connections');
  });
  return form;
}

export async function render(ctx, { name }) {
  const url = path`/api/connections/${name}`;
  const title = h('h1', {}, name);
  const detailsEl = h('div', { id: 'connection-details' });
  const tlsEl = section('TLS', h('div', { id: 'connection-tls' }));
  const channelsEl = h('div', { id: 'connection-channels' });
  const propsEl = h('div', { id: 'connection-client-properties' });
  const dataChart = chartBox('connection-data-chart', 'Data rates');
  const range = await pageRange('basic', () => refreshing.again());

  replace(ctx.root,
    h('p', { class: 'crumbs' }, link(href('connections'), 'Connections')),
    title,
    h('div', { class: 'toolbar' }, h('label', { class: 'check' }, 'Charts show', range.picker)),
    section('Data rates', dataChart.box),
    h('div', { class: 'grid two' }, section('Details', detailsEl), tlsEl),
    section('Channels', channelsEl),
    section('Client properties', propsEl),
    section('Close this connection', closeForm(name)));
  const rates = new SampleChart(dataChart.canvas, DATA_RATES, { rates: true, bytes: true });
  ctx.onDispose(() => rates.destroy());

  const refreshing = ctx.every(5000, async () => {
    const c = await attemptFound(() => api.get(query(url, range.query('data_rates'))));
    if (c === null && ctx.active) {
      replace(ctx.root, h('p', { class: 'crumbs' }, link(href('connections'), 'Connections')), title,
        h('p', { class: 'muted', id: 'connection-gone' }, 'This connection is closed, or never existed.'));
      ctx.dispose();
    }
    if (!c || !ctx.active) return;
    rates.show(c);
    replace(title, c.name, c.user_provided_name ? h('span', { class: 'muted subtitle' }, show(c.user_provided_name)) : null);
    replace(detailsEl, details(c));
    tlsEl.hidden = !c.ssl;
    if (c.ssl) replace(tlsEl.querySelector('#connection-tls'), tls(c));
    replace(propsEl, keyValues(c.client_properties, 'The client sent no properties.'));
    const channels = await attemptFound(() => api.get(path`/api/connections/${name}/channels`));
    if (channels && ctx.active) replace(channelsEl, table(channelColumns({ ofOneConnection: true }), channels, { empty: 'No channels.' }));
  });
  await refreshing;
}

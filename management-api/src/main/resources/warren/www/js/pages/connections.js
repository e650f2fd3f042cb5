// Client connections, paged on the server, each with a link to its page and a close button.
import { h, replace, fmt, section, link, objectState } from '../dom.js';
import { href } from '../router.js';
import { pagedTable } from '../table.js';
import { closeButton } from '../connection-close.js';

export async function render(ctx) {
  let reload = () => {};
  const columns = [
    { label: 'Name', sort: 'name', cell: (c) => [link(href('connections', c.name), c.name, { class: 'connection-link' }), c.client_properties?.connection_name ? h('div', { class: 'muted' }, c.client_properties.connection_name) : null] },
    { label: 'Virtual host', sort: 'vhost', cell: (c) => c.vhost },
    { label: 'User', sort: 'user', cell: (c) => c.user },
    { label: 'State', sort: 'state', cell: objectState },
    { label: 'Protocol', cell: (c) => `${c.protocol || ''}${c.ssl ? ' TLS' : ''}` },
    { label: 'Channels', sort: 'channels', numeric: true, cell: (c) => fmt.num(c.channels) },
    { label: 'From client', sort: 'recv_oct_details.rate', numeric: true, cell: (c) => (c.recv_oct_details ? `${fmt.bytes(c.recv_oct_details.rate)}/s` : '–') },
    { label: 'To client', sort: 'send_oct_details.rate', numeric: true, cell: (c) => (c.send_oct_details ? `${fmt.bytes(c.send_oct_details.rate)}/s` : '–') },
    { label: '', cell: (c) => closeButton(c.name, () => reload()) },
  ];
  const list = pagedTable(ctx, { endpoint: '/api/connections', columns, noun: 'connections' });
  reload = () => list.dispatchEvent(new Event('reload'));
  replace(ctx.root, h('h1', {}, 'Connections'), section('All connections', list));
}

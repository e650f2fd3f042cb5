// Channels, paged on the server. A channel cannot be closed on its own through the API, so its
// row offers to close its connection.
import { h, replace, fmt, section } from '../dom.js';
import { pagedTable } from '../table.js';
import { closeButton } from '../connection-close.js';

function mode(c) {
  return [c.confirm ? 'confirm' : null, c.transactional ? 'transactional' : null].filter(Boolean).join(', ');
}

export async function render(ctx) {
  let reload = () => {};
  const columns = [
    { label: 'Channel', sort: 'name', cell: (c) => c.name },
    { label: 'Virtual host', sort: 'vhost', cell: (c) => c.vhost },
    { label: 'User', sort: 'user', cell: (c) => c.user },
    { label: 'Mode', cell: mode },
    { label: 'State', sort: 'state', cell: (c) => c.state },
    { label: 'Consumers', sort: 'consumer_count', numeric: true, cell: (c) => fmt.num(c.consumer_count) },
    { label: 'Prefetch', numeric: true, cell: (c) => fmt.num(c.prefetch_count) },
    { label: 'Unacked', sort: 'messages_unacknowledged', numeric: true, cell: (c) => fmt.num(c.messages_unacknowledged) },
    { label: 'Publish', numeric: true, cell: (c) => fmt.rate(c.message_stats?.publish_details) },
    { label: '', cell: (c) => (c.connection_details ? closeButton(c.connection_details.name, () => reload(), 'Close connection') : '') },
  ];
  const list = pagedTable(ctx, { endpoint: '/api/channels', columns, noun: 'channels' });
  reload = () => list.dispatchEvent(new Event('reload'));
  replace(ctx.root, h('h1', {}, 'Channels'), section('All channels', list));
}

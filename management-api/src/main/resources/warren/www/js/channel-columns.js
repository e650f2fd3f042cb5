// The columns of a list of channels, shared by the channels page and a connection's page. A
// channel cannot be closed on its own through the API, so a row may offer to close its
// connection instead.
import { fmt, link, objectState } from './dom.js';
import { href } from './router.js';
import { closeButton } from './connection-close.js';

/** "confirm", "transactional", both or neither, as RabbitMQ's Mode column. */
export function channelMode(c) {
  return [c.confirm ? 'confirm' : null, c.transactional ? 'transactional' : null].filter(Boolean).join(', ');
}

/** Prefetch as RabbitMQ shows it: per consumer, and the channel-wide limit when there is one. */
export function prefetch(c) {
  const own = fmt.num(c.prefetch_count);
  return c.global_prefetch_count ? `${own} (global ${fmt.num(c.global_prefetch_count)})` : own;
}

/**
 * `onClosed`: what to do after a row's button closed a channel's connection; without it, rows
 * have no such button. `ofOneConnection`: the list is one connection's (on its page, which has
 * its own close button), so its vhost and user are left out too.
 */
export function channelColumns({ onClosed, ofOneConnection = false } = {}) {
  const columns = [
    { label: 'Channel', sort: 'name', cell: (c) => link(href('channels', c.name), c.name, { class: 'channel-link' }) },
    ...(ofOneConnection ? [] : [
      { label: 'Virtual host', sort: 'vhost', cell: (c) => c.vhost },
      { label: 'User', sort: 'user', cell: (c) => c.user },
    ]),
    { label: 'Mode', cell: channelMode },
    { label: 'State', sort: 'state', cell: objectState },
    { label: 'Consumers', sort: 'consumer_count', numeric: true, cell: (c) => fmt.num(c.consumer_count) },
    { label: 'Prefetch', numeric: true, cell: prefetch },
    { label: 'Unacked', sort: 'messages_unacknowledged', numeric: true, cell: (c) => fmt.num(c.messages_unacknowledged) },
    { label: 'Unconfirmed', numeric: true, cell: (c) => fmt.num(c.messages_unconfirmed) },
    { label: 'Publish', numeric: true, cell: (c) => fmt.rate(c.message_stats?.publish_details) },
    { label: 'Deliver / get', numeric: true, cell: (c) => fmt.rate(c.message_stats?.deliver_get_details) },
    { label: 'Ack', numeric: true, cell: (c) => fmt.rate(c.message_stats?.ack_details) },
  ];
  if (onClosed) {
    columns.push({ label: '', cell: (c) => (c.connection_details ? closeButton(c.connection_details.name, onClosed, 'Close connection') : '') });
  }
  return columns;
}

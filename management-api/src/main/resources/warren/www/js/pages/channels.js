// Channels, paged on the server; each links to its own page.
import { h, replace, section } from '../dom.js';
import { pagedTable } from '../table.js';
import { channelColumns } from '../channel-columns.js';

export async function render(ctx) {
  let reload = () => {};
  const list = pagedTable(ctx, { endpoint: '/api/channels', columns: channelColumns({ onClosed: () => reload() }), noun: 'channels' });
  reload = () => list.dispatchEvent(new Event('reload'));
  replace(ctx.root, h('h1', {}, 'Channels'), section('All channels', list));
}

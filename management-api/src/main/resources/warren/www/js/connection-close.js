// Closing a client connection from the UI, with the reason the client is told.
import { api, path } from './api.js';
import { h } from './dom.js';
import { attempt, notice, confirmAction } from './notify.js';

const REASON = 'Closed from the Warren management UI';

/** Asks, then force-closes connection `name` telling the client `reason`; true when it closed. */
export async function closeConnection(name, reason = REASON) {
  if (!(await confirmAction(`Force-close the connection ${name}?`, 'Close connection'))) return false;
  const done = await attempt(() => api.del(path`/api/connections/${name}`, { 'X-Reason': reason || REASON }));
  if (done === undefined) return false;
  notice(`Connection ${name} closed.`);
  return true;
}

/** A button that force-closes connection `name`, then runs `onClosed`. */
export function closeButton(name, onClosed, label = 'Close') {
  return h('button', { type: 'button', class: 'secondary small', onClick: async () => {
    if (await closeConnection(name)) onClosed();
  } }, label);
}

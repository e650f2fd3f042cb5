// Closing a client connection from the UI, with the reason the client is told.
import { api, path } from './api.js';
import { h } from './dom.js';
import { attempt, notice, confirmAction } from './notify.js';

/** A button that force-closes connection `name`, then runs `onClosed`. */
export function closeButton(name, onClosed, label = 'Close') {
  return h('button', { type: 'button', class: 'secondary small', onClick: async () => {
    if (!(await confirmAction(`Force-close the connection ${name}?`, 'Close connection'))) return;
    const done = await attempt(() => api.del(path`/api/connections/${name}`, { 'X-Reason': 'Closed from the Warren management UI' }));
    if (done !== undefined) {
      notice(`Connection ${name} closed.`);
      onClosed();
    }
  } }, label);
}

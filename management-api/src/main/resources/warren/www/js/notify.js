// Messages to the user: short-lived notices, errors that stay until dismissed, and confirmation
// dialogs. API errors show the server's `reason` text.
import { h } from './dom.js';

function area() {
  return document.getElementById('notices');
}

/** Shows a notice that disappears after a few seconds. */
export function notice(message) {
  const el = h('div', { class: 'notice ok', role: 'status' }, message);
  area().append(el);
  setTimeout(() => el.remove(), 4000);
}

/** Shows an error until the user dismisses it. */
export function failure(error) {
  const message = error && (error.reason || error.message) ? (error.reason || error.message) : String(error);
  // A page that polls would otherwise stack the same error every few seconds.
  const shown = [...area().querySelectorAll('.notice.error span')].some((s) => s.textContent === message);
  if (shown) return;
  const el = h('div', { class: 'notice error', role: 'alert' },
    h('div', {}, h('span', {}, message), error && error.request ? h('small', {}, error.request) : null),
    h('button', { class: 'plain', type: 'button', 'aria-label': 'Dismiss', onClick: () => el.remove() }, '×'));
  area().append(el);
}

/** Runs an action and reports its failure; returns its result, or undefined when it failed. */
export async function attempt(action) {
  try {
    return await action();
  } catch (e) {
    // A 401 has already sent the user to the login form; saying so again would only be noise.
    if (e.status !== 401) failure(e);
    return undefined;
  }
}

/**
 * As `attempt`, for reading an object that may have gone away (a connection that closed): a 404
 * gives null, without an error notice.
 */
export async function attemptFound(action) {
  try {
    return await action();
  } catch (e) {
    if (e.status === 404) return null;
    if (e.status !== 401) failure(e);
    return undefined;
  }
}

/** Asks the user to confirm something destructive; resolves to true when they do. */
export function confirmAction(question, action = 'Confirm') {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'confirm' },
      h('form', { method: 'dialog' },
        h('p', {}, question),
        h('div', { class: 'actions' },
          h('button', { value: 'cancel', class: 'secondary' }, 'Cancel'),
          h('button', { value: 'confirm', class: 'danger', 'data-confirm': 'yes' }, action))));
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'confirm');
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

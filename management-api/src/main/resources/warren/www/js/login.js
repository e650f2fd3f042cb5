// The login form: checks the user and password against /api/whoami before showing the app.
import { signIn } from './api.js';
import { h, replace } from './dom.js';

/** Shows the login form in `root`; `onSignedIn` runs once the credentials are accepted. */
export function showLogin(root, onSignedIn) {
  const error = h('p', { class: 'login-error', role: 'alert', id: 'login-error' });
  const user = h('input', { name: 'username', id: 'login-user', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { name: 'password', id: 'login-password', type: 'password', autocomplete: 'current-password' });
  const button = h('button', { type: 'submit', id: 'login-button' }, 'Log in');
  const loginForm = h('form', { class: 'login card' },
    h('div', { class: 'brand big' }, h('span', { class: 'logo', 'aria-hidden': 'true' }), 'Warren'),
    h('p', { class: 'muted' }, 'Management console'),
    h('label', { class: 'field' }, h('span', {}, 'User'), user),
    h('label', { class: 'field' }, h('span', {}, 'Password'), password),
    error,
    h('div', { class: 'actions' }, button));
  loginForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    error.textContent = '';
    try {
      await signIn(user.value, password.value);
      onSignedIn();
    } catch (e) {
      error.textContent = e.reason || e.message;
      password.select();
    } finally {
      button.disabled = false;
    }
  });
  replace(root, loginForm);
  user.focus();
}

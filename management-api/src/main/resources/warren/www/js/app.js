// Start-up: the login form or the console, the navigation the user's tags allow, and the routes.
import { currentUser, hasTag, signOut } from './api.js';
import { h, replace } from './dom.js';
import { showLogin } from './login.js';
import { Router } from './router.js';
import * as overview from './pages/overview.js';
import * as queues from './pages/queues.js';
import * as queue from './pages/queue.js';
import * as exchanges from './pages/exchanges.js';
import * as exchange from './pages/exchange.js';
import * as connections from './pages/connections.js';
import * as connection from './pages/connection.js';
import * as channels from './pages/channels.js';
import * as channel from './pages/channel.js';
import * as policies from './pages/policies.js';
import * as users from './pages/users.js';
import * as vhosts from './pages/vhosts.js';
import * as permissions from './pages/permissions.js';
import * as definitions from './pages/definitions.js';

// [hash, label, tags that may see it (none: everyone signed in)]
const NAV = [
  ['#/overview', 'Overview'],
  ['#/connections', 'Connections'],
  ['#/channels', 'Channels'],
  ['#/exchanges', 'Exchanges'],
  ['#/queues', 'Queues'],
  ['#/policies', 'Policies', ['policymaker', 'administrator']],
  ['#/users', 'Users', ['administrator']],
  ['#/vhosts', 'Virtual hosts', ['administrator']],
  ['#/permissions', 'Permissions', ['administrator']],
  ['#/definitions', 'Definitions', ['administrator']],
];

const ROUTES = [
  ['overview', overview.render],
  ['queues', queues.render],
  ['queues/:vhost/:name', queue.render],
  ['exchanges', exchanges.render],
  ['exchanges/:vhost/:name', exchange.render],
  ['connections', connections.render],
  ['connections/:name', connection.render],
  ['channels', channels.render],
  ['channels/:name', channel.render],
  ['policies', policies.render],
  ['users', users.render],
  ['vhosts', vhosts.render],
  ['permissions', permissions.render],
  ['definitions', definitions.render],
];

const loginRoot = document.getElementById('login');
const appRoot = document.getElementById('app');
const router = new Router(document.getElementById('outlet'), ROUTES, '#/overview');

function showApp() {
  const user = currentUser();
  loginRoot.hidden = true;
  appRoot.hidden = false;
  replace(document.getElementById('nav'), NAV
    .filter(([, , tags]) => !tags || hasTag(...tags))
    .map(([hash, label]) => h('a', { href: hash }, label)));
  replace(document.getElementById('session'),
    h('span', { class: 'who', id: 'signed-in-user' }, user.name),
    h('button', { type: 'button', class: 'secondary small', id: 'logout', onClick: signOut }, 'Log out'));
  router.show();
}

function showSignedOut() {
  router.stop();
  appRoot.hidden = true;
  loginRoot.hidden = false;
  showLogin(loginRoot, showApp);
}

window.addEventListener('warren:signed-out', showSignedOut);
window.addEventListener('hashchange', () => {
  if (!currentUser()) return;
  if (appRoot.hidden) showApp();
  else router.show();
});

if (currentUser()) showApp();
else showSignedOut();

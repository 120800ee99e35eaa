// The shell: sign-in state, the org picker, the navigation and a hash router (#/o/{org}/{screen}/…).
// The hash names only what is on screen, never a token.
import { api, session, on, ApiError } from './api.js';
import { credentials } from './memory.js';
import { h, clear, append } from './dom.js';
import * as signin from './screens/signin.js';
import * as orgs from './screens/orgs.js';
import * as events from './screens/events.js';
import * as webhooks from './screens/webhooks.js';
import * as live from './screens/live.js';
import * as request from './screens/request.js';
import * as search from './screens/search.js';
import * as customers from './screens/customers.js';
import * as loyalty from './screens/loyalty.js';
import * as destinations from './screens/destinations.js';
import * as charts from './screens/charts.js';

const SCREENS = [
  ['events', 'Events', events], ['webhooks', 'Webhooks', webhooks], ['live', 'Live requests', live],
  ['search', 'Event search', search], ['customers', 'Customers', customers], ['loyalty', 'Loyalty', loyalty],
  ['destinations', 'Destinations', destinations], ['charts', 'Charts', charts],
];
const main = document.getElementById('main');
const nav = document.getElementById('nav');
const conn = document.getElementById('conn');
let cleanup = null;
let signOutReason = null;

export function go(hash) { if (location.hash === hash) route(); else location.hash = hash; }

function stopScreen() { if (cleanup) { try { cleanup(); } catch (e) { /* a screen's own timers */ } } cleanup = null; }

function shell(org) {
  const signedIn = !!session.token();
  document.getElementById('sign-out').hidden = !signedIn;
  document.getElementById('switch-org').hidden = !(signedIn && session.isRoot() && org);
  document.getElementById('who').textContent = signedIn
    ? (session.isRoot() ? 'root token' : 'org key') + (org ? ' · org ' + org : '') : '';
  nav.hidden = !org;
  clear(nav);
  if (org) {
    const current = (location.hash.split('/')[3] || 'events');
    const screen = current === 'requests' ? 'live' : current;
    append(nav, [h('ul', {}, SCREENS.map(([id, label]) => h('li', {}, h('a', {
      href: `#/o/${encodeURIComponent(org)}/${id}`, 'aria-current': id === screen ? 'page' : null }, label))))]);
  }
}

async function route() {
  stopScreen();
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  clear(main);
  if (!session.token()) {
    shell(null);
    cleanup = signin.render(main, { reason: signOutReason, done: afterSignIn });
    return;
  }
  if (parts[0] !== 'o' || !parts[1]) {
    if (!session.isRoot()) { return landOnOwnOrg(); }
    shell(null);
    cleanup = orgs.render(main, { go });
    focusMain();
    return;
  }
  const org = parts[1];
  const screenId = parts[2] || 'events';
  shell(org);
  const ctx = { org, params: parts.slice(3), go, root: session.isRoot() };
  const mod = screenId === 'requests' ? request : (SCREENS.find(([id]) => id === screenId) || [])[2];
  if (!mod) { append(main, [h('h1', {}, 'Not found'), h('p', {}, 'No such screen: ' + screenId)]); return; }
  cleanup = mod.render(main, ctx) || null;
  focusMain();
}

function focusMain() {
  const heading = main.querySelector('h1');
  document.title = (heading ? heading.textContent + ' · ' : '') + 'Tidings console';
  main.focus({ preventScroll: true });
}

async function landOnOwnOrg() {
  try {
    const list = await api.get('/orgs');
    const org = list.items[0];
    go(org ? `#/o/${encodeURIComponent(org.id)}/events` : '#/');
  } catch (e) {
    append(clear(main), [h('p', { class: 'error', role: 'alert' }, e.message)]);
  }
}

function afterSignIn(root) {
  signOutReason = null;
  if (root) go('#/orgs'); else landOnOwnOrg();
}

function signOut(reason) {
  stopScreen();
  session.clear();
  credentials.clear();
  signOutReason = reason || null;
  go('#/');
}

document.getElementById('sign-out').addEventListener('click', () => signOut('You signed out. The token was removed from this tab.'));
document.getElementById('switch-org').addEventListener('click', () => go('#/orgs'));
on('unauthorized', () => {
  if (session.token()) signOut('Your session ended: the server no longer accepts this token (it expired, was rotated or revoked). Sign in again.');
});
on('connection', (up) => {
  if (up && !conn.hidden) { conn.hidden = true; conn.textContent = ''; }
  if (!up) { conn.hidden = false; conn.textContent = 'The Tidings server is not answering (it may have stopped). Showing what was last loaded; retrying…'; }
});
window.addEventListener('hashchange', route);
window.addEventListener('unhandledrejection', (e) => { if (e.reason instanceof ApiError) e.preventDefault(); });
route();

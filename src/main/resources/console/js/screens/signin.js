import { call, session, ApiError } from '../api.js';
import { h, field } from '../dom.js';

/** Sign in with the root token or an org's API key; checked against the server before it is kept. */
export function render(main, { reason, done }) {
  const token = h('input', { type: 'password', name: 'token', autocomplete: 'off', required: true, spellcheck: 'false' });
  const message = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h('form', { class: 'signin panel', novalidate: true },
    h('h1', {}, 'Sign in to Tidings'),
    reason ? h('p', { class: 'error', role: 'alert', id: 'signin-reason' }, reason) : null,
    field('Admin token or org API key', token,
      'The root token is printed when the server first starts (and saved in data/admin-token). It is kept in this tab only.'),
    h('div', { class: 'actions' }, button), message);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const value = token.value.trim();
    if (!value) { message.replaceChildren(h('p', { class: 'error', role: 'alert' }, 'Enter a token.')); token.focus(); return; }
    button.disabled = true;
    message.replaceChildren(h('p', { class: 'muted' }, 'Checking…'));
    try {
      const headers = { Authorization: 'Bearer ' + value };
      const orgs = await call('GET', '/api/v1/orgs', { auth: false, headers, raw: true });
      if (orgs.status === 401) throw new ApiError(401, orgs.json, 'That token is not accepted by this server.');
      if (orgs.status !== 200) throw new ApiError(orgs.status, orgs.json, (orgs.json && orgs.json.status && orgs.json.status.message) || 'HTTP ' + orgs.status);
      // Only the root token may read the pipeline; an org key is answered 403.
      const pipeline = await call('GET', '/api/v1/pipeline', { auth: false, headers, raw: true });
      session.signIn(value, pipeline.status === 200);
      token.value = '';
      done(pipeline.status === 200);
    } catch (err) {
      message.replaceChildren(h('p', { class: 'error', role: 'alert' }, err.message));
      button.disabled = false;
      token.focus();
    }
  });
  main.append(form);
  token.focus();
}

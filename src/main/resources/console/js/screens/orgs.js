import { api } from '../api.js';
import { h, field, table, errorBox, empty, secretBox, time } from '../dom.js';

/** The root token's org picker, with creating an org (its API key shown once). */
export function render(main, { go }) {
  const list = h('div', {}, h('p', { class: 'muted' }, 'Loading orgs…'));
  const id = h('input', { name: 'id', required: true, pattern: '[A-Za-z0-9_-]+' });
  const name = h('input', { name: 'name', required: true });
  const out = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'panel' }, h('h2', {}, 'Create an org'),
    h('div', { class: 'row' }, field('Org id', id), field('Name', name), h('div', {}, h('button', { type: 'submit', class: 'primary' }, 'Create org'))), out);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const org = await api.post('/orgs', { id: id.value.trim(), name: name.value.trim() });
      out.replaceChildren(secretBox(`API key of org ${org.id}`, org.apiKey,
        'Shown once: give it to the brand; it may do everything in this org and nothing outside it.'));
      id.value = ''; name.value = '';
      load();
    } catch (err) { out.replaceChildren(errorBox(err, 'Not created')); }
  });
  async function load() {
    try {
      const page = await api.get('/orgs?limit=200');
      list.replaceChildren(page.items.length === 0 ? empty('No orgs yet: create the first one below.')
        : table(['Org', 'Name', 'Created', ''], page.items.map((o) => h('tr', {},
          h('td', {}, h('code', {}, o.id)), h('td', {}, o.name), h('td', {}, time(o.createdAt)),
          h('td', {}, h('a', { href: `#/o/${encodeURIComponent(o.id)}/events`, class: 'button' }, 'Open ' + o.id)))), 'Orgs'));
    } catch (err) { list.replaceChildren(errorBox(err, 'Cannot list orgs')); }
  }
  main.append(h('h1', {}, 'Choose an org'), h('p', {}, 'You are signed in with the root token: pick the org to work in.'), list, form);
  load();
}

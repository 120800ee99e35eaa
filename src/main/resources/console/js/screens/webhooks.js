import { api, enc } from '../api.js';
import { h, field, checkbox, table, errorBox, empty, badge, time, secretBox, copyButton } from '../dom.js';
import { credentials } from '../memory.js';

const MAPPING_EXAMPLE = {
  transform: null,
  eventName: { path: 'type', values: { 'booking.created': 'be_reserved' } },
  fields: { customer_id: 'guest.phone', room_nights: 'rooms[0].nights' },
  values: { room_nights: { twelve: '12' } },
};

/** Webhooks: the URL to post to, the credential shown once, rotation, and the mapping (DESIGN §8). */
export function render(main, { org }) {
  const listEl = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const secretOut = h('div', { 'aria-live': 'polite', id: 'secret-out' });
  const name = h('input', { name: 'name' });
  const unique = checkbox('Uniqueness check (de-duplicate on the unique key attributes)', true);
  const createOut = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'panel' }, h('h2', {}, 'Create a webhook'),
    h('div', { class: 'row' }, field('Webhook name', name), h('div', {}, unique.el),
      h('div', {}, h('button', { type: 'submit', class: 'primary' }, 'Create webhook'))), createOut);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const w = await api.post(`/orgs/${enc(org)}/webhooks`, { name: name.value.trim() || undefined, uniquenessCheck: unique.box.checked });
      credentials.set(w.id, w.credential);
      showSecret(w, 'Credential of the new webhook');
      createOut.replaceChildren();
      name.value = '';
      load();
    } catch (err) { createOut.replaceChildren(errorBox(err, 'Not created')); }
  });

  function showSecret(w, title) {
    secretOut.replaceChildren(h('div', {}, secretBox(title, w.credential,
      'Shown once: the server keeps only a hash. Senders use it as HTTP Basic credential.'),
      h('p', {}, 'URL: ', h('code', {}, w.url), ' ', copyButton(() => w.url, 'Copy URL')),
      (w.warnings || []).map((x) => h('p', { class: 'muted' }, x))));
    secretOut.querySelector('[data-secret]').focus?.();
  }

  async function act(w, verb) {
    try {
      const r = await api.post(`/orgs/${enc(org)}/webhooks/${enc(w.id)}/${verb}`);
      if (verb === 'rotate') { credentials.set(w.id, r.credential); showSecret(r, `New credential of ${w.name || w.id} (the old one stops working)`); }
      load();
    } catch (err) { secretOut.replaceChildren(errorBox(err, `Could not ${verb}`)); }
  }

  function mappingEditor(w) {
    const text = h('textarea', { rows: 10, 'aria-label': `Mapping of ${w.name || w.id} (JSON)` });
    text.value = JSON.stringify(w.mapping || MAPPING_EXAMPLE, null, 2);
    const out = h('div', { 'aria-live': 'polite' });
    const box = h('form', { class: 'panel' }, h('h3', {}, `Mapping of ${w.name || w.id}`),
      h('p', { class: 'muted' }, 'Accept a brand\'s existing payloads as they are: optional JSLT transform, event name from a path through a value map, attributes from paths (dots into objects, [n] into arrays), value translations per attribute. Applied before validation.'),
      text, h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Save mapping'),
        h('button', { type: 'button', onclick: () => save(null) }, 'Remove mapping'),
        h('button', { type: 'button', onclick: () => box.remove() }, 'Close')), out);
    async function save(mapping) {
      try {
        await api.put(`/orgs/${enc(org)}/webhooks/${enc(w.id)}`, { mapping });
        out.replaceChildren(h('p', { role: 'status' }, mapping ? 'Mapping saved.' : 'Mapping removed.'));
      } catch (err) {
        const unsupported = err.errors.some((x) => x.attribute === 'mapping') || /mapping/.test(err.message);
        out.replaceChildren(errorBox(err, unsupported ? 'This server does not take mappings yet (DESIGN §8)' : 'Mapping not saved'));
      }
    }
    box.addEventListener('submit', (e) => {
      e.preventDefault();
      let mapping;
      try { mapping = JSON.parse(text.value); } catch (err) { out.replaceChildren(errorBox({ message: 'The mapping is not valid JSON: ' + err.message })); return; }
      save(mapping);
    });
    return box;
  }

  const editors = h('div', {});
  async function load() {
    try {
      const page = await api.get(`/orgs/${enc(org)}/webhooks?limit=200`);
      listEl.replaceChildren(page.items.length === 0 ? empty('No webhooks yet: create one below to receive events.')
        : table(['Name', 'URL', 'Uniqueness', 'Status', 'Created', 'Actions'], page.items.map((w) => h('tr', { 'data-webhook': w.id },
          h('td', {}, w.name || '—', h('div', { class: 'muted mono' }, w.id)),
          h('td', {}, h('code', {}, w.url), ' ', copyButton(() => w.url, 'Copy')),
          h('td', {}, w.uniquenessCheck ? 'on' : 'off'), h('td', {}, badge(w.status)), h('td', {}, time(w.createdAt)),
          h('td', {}, h('div', { class: 'actions' },
            h('button', { type: 'button', onclick: () => { if (confirm('Rotate the credential? The old one stops working.')) act(w, 'rotate'); } }, 'Rotate credential'),
            w.status === 'ENABLED' ? h('button', { type: 'button', class: 'danger', onclick: () => act(w, 'disable') }, 'Disable')
              : h('button', { type: 'button', onclick: () => act(w, 'enable') }, 'Enable'),
            h('button', { type: 'button', onclick: () => { editors.replaceChildren(mappingEditor(w)); editors.querySelector('textarea').focus(); } }, 'Edit mapping'))))), 'Webhooks'));
    } catch (err) { listEl.replaceChildren(errorBox(err, 'Cannot list webhooks')); }
  }
  main.append(h('h1', {}, 'Webhooks'), secretOut, listEl, editors, form);
  load();
}

import { api, call, enc, ApiError } from '../api.js';
import { h, field, select, checkbox, table, errorBox, empty, badge, time, pre, copyButton, clear } from '../dom.js';
import { credentials } from '../memory.js';

const TYPES = ['STRING', 'DOUBLE', 'INTEGER', 'BOOLEAN', 'DATE', 'ENUM', 'CUSTOMER'];
const IDENTIFIERS = ['MOBILE', 'EMAIL', 'EXTERNAL_ID', 'USER_ID', 'CARD_NUMBER'];

export function render(main, ctx) {
  if (ctx.params[0] === 'new') return designer(main, ctx, null);
  if (ctx.params[0]) return designer(main, ctx, ctx.params[0]);
  return list(main, ctx);
}

function list(main, { org }) {
  const body = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  main.append(h('h1', {}, 'Event definitions'),
    h('div', { class: 'actions' }, h('a', { class: 'button', href: `#/o/${enc(org)}/events/new` }, 'New event definition')), body);
  api.get(`/orgs/${enc(org)}/events?limit=200`).then((page) => {
    body.replaceChildren(page.items.length === 0
      ? empty('No event definitions yet. Create one: name its attributes, then send a test event and publish it.')
      : table(['Name', 'Status', 'Test', 'Version', 'Attributes', 'Updated'], page.items.map((d) => h('tr', {},
        h('td', {}, h('a', { href: `#/o/${enc(org)}/events/${enc(d.name)}` }, d.name), d.displayName ? h('div', { class: 'muted' }, d.displayName) : null),
        h('td', {}, badge(d.status)), h('td', {}, badge(d.testStatus)), h('td', {}, d.version),
        h('td', {}, d.attributes.map((a) => a.name).join(', ')), h('td', {}, time(d.updatedAt)))), 'Event definitions'));
  }).catch((err) => body.replaceChildren(errorBox(err, 'Cannot list events')));
}

function attributeEditor(a, onRemove) {
  const name = h('input', { value: a.name || '', 'data-k': 'name', maxlength: 50, required: true });
  const type = select(TYPES, a.type || 'STRING', { 'data-k': 'type' });
  const required = checkbox('Required', a.required);
  const unique = checkbox('Unique key', a.uniqueKey);
  const pattern = h('input', { value: a.pattern || '', 'data-k': 'pattern', placeholder: 'e.g. [A-Z]{3}[0-9]+' });
  const values = h('input', { value: (a.values || []).join(', '), 'data-k': 'values', placeholder: '1, 2, 3' });
  const identifier = select(IDENTIFIERS, a.identifierType || 'MOBILE', { 'data-k': 'identifierType' });
  const addCustomer = checkbox('Add customer if not exists', a.addCustomerIfNotExists);
  const patternField = field('Pattern (STRING)', pattern);
  const valuesField = field('Values (ENUM, comma separated)', values);
  const identifierField = field('Identifier type (CUSTOMER)', identifier);
  const el = h('fieldset', { class: 'attr' }, h('legend', { class: 'sr-only' }, 'Attribute'),
    h('div', { class: 'row' }, field('Attribute name', name), field('Type', type), patternField, valuesField, identifierField,
      h('div', {}, required.el, unique.el, addCustomer.el),
      h('div', {}, h('button', { type: 'button', class: 'danger', onclick: () => onRemove(el) }, 'Remove attribute'))));
  function sync() {
    const t = type.value;
    patternField.hidden = t !== 'STRING';
    valuesField.hidden = t !== 'ENUM';
    identifierField.hidden = t !== 'CUSTOMER';
    addCustomer.el.hidden = t !== 'CUSTOMER';
  }
  type.addEventListener('change', sync);
  sync();
  el.read = () => {
    const out = { name: name.value.trim(), type: type.value, required: required.box.checked };
    if (unique.box.checked) out.uniqueKey = true;
    if (type.value === 'STRING' && pattern.value.trim()) out.pattern = pattern.value.trim();
    if (type.value === 'ENUM') out.values = values.value.split(',').map((v) => v.trim()).filter(Boolean);
    if (type.value === 'CUSTOMER') { out.identifierType = identifier.value; out.addCustomerIfNotExists = addCustomer.box.checked; }
    return out;
  };
  return el;
}

function designer(main, { org }, existingName) {
  let definition = null;
  let timer = null;
  let stopped = false;
  const name = h('input', { name: 'name', maxlength: 50, required: true, pattern: '[A-Za-z0-9_]+' });
  const displayName = h('input', { name: 'displayName' });
  const description = h('textarea', { name: 'description', rows: 2 });
  const unknown = select([['REJECT', 'REJECT: answer 400'], ['IGNORE', 'IGNORE: accept, do not store'], ['KEEP', 'KEEP: store as sent']], 'REJECT');
  const attrs = h('div', {});
  const saveOut = h('div', { 'aria-live': 'polite' });
  const status = h('div', { 'aria-live': 'polite', id: 'definition-status' });
  const sample = h('div', {});
  const tester = h('div', {});
  const remove = (el) => el.remove();
  const addAttr = (a) => attrs.append(attributeEditor(a || {}, remove));

  const form = h('form', { class: 'panel', novalidate: true },
    h('h2', {}, 'Definition'),
    h('div', { class: 'row' }, field('Event name', name, 'Letters, digits and _; at most 50.'), field('Display name', displayName),
      field('Unknown attributes', unknown)),
    field('Description', description),
    h('h3', {}, 'Attributes'), h('p', { class: 'muted' }, 'eventDateTime is standard on every event and is never declared. Exactly one CUSTOMER attribute; at most 20.'),
    attrs,
    h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => addAttr({ type: 'STRING' }) }, 'Add attribute'),
      h('button', { type: 'submit', class: 'primary' }, existingName ? 'Save changes' : 'Create definition')),
    saveOut);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { name: name.value.trim(), displayName: displayName.value.trim() || undefined,
      description: description.value.trim() || undefined, unknownAttributes: unknown.value,
      attributes: [...attrs.children].map((el) => el.read()) };
    try {
      const saved = existingName
        ? await api.put(`/orgs/${enc(org)}/events/${enc(existingName)}`, body)
        : await api.post(`/orgs/${enc(org)}/events`, body);
      saveOut.replaceChildren(h('p', { class: 'muted', role: 'status' }, `Saved ${saved.name} version ${saved.version}.`));
      if (!existingName) { location.hash = `#/o/${enc(org)}/events/${enc(saved.name)}`; return; }
      show(saved);
    } catch (err) { saveOut.replaceChildren(errorBox(err, 'Not saved')); }
  });

  function fill(d) {
    name.value = d.name; name.readOnly = true;
    displayName.value = d.displayName || ''; description.value = d.description || ''; unknown.value = d.unknownAttributes;
    clear(attrs); d.attributes.forEach(addAttr);
  }

  function show(d) {
    const first = !definition;
    definition = d;
    status.replaceChildren(h('div', { class: 'panel' }, h('h2', {}, 'Test & publish'),
      h('p', {}, 'Status ', badge(d.status), ' · test ', badge(d.testStatus), ` · version ${d.version} · updated ${time(d.updatedAt)}`),
      h('p', { class: 'muted' }, d.status === 'DRAFT' ? (d.testStatus === 'VERIFIED'
        ? 'A test event passed: the definition may be published. Events sent from now on are real.'
        : 'A draft: events sent to it are test events (stored and shown, never delivered). One that passes verifies it; then publish.')
        : d.status === 'PUBLISHED' ? 'Published: events are live. Only optional attributes may be added.' : 'Disabled for good.'),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'primary', id: 'publish', disabled: !(d.status === 'DRAFT' && d.testStatus === 'VERIFIED'), onclick: publish }, 'Publish'),
        d.status !== 'DISABLED' ? h('button', { type: 'button', class: 'danger', onclick: disable }, 'Disable') : null),
      h('div', { id: 'publish-out', 'aria-live': 'polite' })));
    if (first) { renderSample(d); renderTester(d); }
  }

  async function publish() {
    const out = status.querySelector('#publish-out');
    try { show(await api.post(`/orgs/${enc(org)}/events/${enc(definition.name)}/publish`)); }
    catch (err) { out.replaceChildren(errorBox(err, 'Not published')); }
  }
  async function disable() {
    if (!window.confirm(`Disable ${definition.name} for good? Its events will be refused.`)) return;
    try { show(await api.post(`/orgs/${enc(org)}/events/${enc(definition.name)}/disable`)); }
    catch (err) { status.querySelector('#publish-out').replaceChildren(errorBox(err, 'Not disabled')); }
  }

  let webhooks = [];
  function curlFor(hook, body) {
    const url = hook ? hook.url : `${location.origin}/{cluster}/webhooks/{webhookId}`;
    return `curl --location '${url}' \\\n--header 'Content-Type: application/json' \\\n`
      + `--header "Authorization: Basic $(printf %s '<credential>' | base64 -w0)" \\\n--data '${JSON.stringify(body)}'`;
  }
  function renderSample(d) {
    const hookPick = select(webhooks.length ? webhooks.map((w) => [w.id, `${w.name || 'webhook'} (${w.id})`]) : [['', 'no webhook yet']], undefined);
    const curl = pre(curlFor(webhooks[0], d.samplePayload));
    hookPick.addEventListener('change', () => { curl.textContent = curlFor(webhooks.find((w) => w.id === hookPick.value), d.samplePayload); });
    sample.replaceChildren(h('div', { class: 'panel' }, h('h2', {}, 'Sample payload'),
      h('p', { class: 'muted' }, 'A valid body for this definition, generated by the server.'),
      pre(d.samplePayload), (d.samplePayloadNotes || []).map((n) => h('p', { class: 'muted' }, n)),
      h('h3', {}, 'Ready curl'), field('Webhook', hookPick), curl,
      h('div', { class: 'actions' }, copyButton(() => curl.textContent, 'Copy curl'))));
  }
  function renderTester(d) {
    if (webhooks.length === 0) {
      tester.replaceChildren(h('div', { class: 'panel' }, h('h2', {}, 'Send a test event'),
        empty('No webhook in this org yet. ', h('a', { href: `#/o/${enc(org)}/webhooks` }, 'Create a webhook'), ' to send events.')));
      return;
    }
    // The webhook whose credential this tab saw (just created or rotated) is the one to use.
    const known = webhooks.find((w) => credentials.get(w.id)) || webhooks[0];
    const hook = select(webhooks.map((w) => [w.id, `${w.name || 'webhook'} (${w.id})`]), known.id, { name: 'webhook' });
    const cred = h('input', { type: 'password', name: 'credential', autocomplete: 'off', value: credentials.get(known.id) || '' });
    hook.addEventListener('change', () => { cred.value = credentials.get(hook.value) || ''; });
    const payload = h('textarea', { rows: 9 }); payload.value = JSON.stringify(d.samplePayload, null, 2);
    const out = h('div', { 'aria-live': 'polite', id: 'test-out' });
    const send = h('form', { class: 'panel' }, h('h2', {}, 'Send an event'),
      h('p', { class: 'muted' }, 'Posts the body below to the webhook, exactly as a brand\'s system would. While the definition is a draft this is a test event.'),
      h('div', { class: 'row' }, field('Webhook', hook), field('Webhook credential', cred, 'Filled in when the webhook was created in this tab; never stored.')),
      field('Body', payload), h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Send event')), out);
    send.addEventListener('submit', async (e) => {
      e.preventDefault();
      const w = webhooks.find((x) => x.id === hook.value);
      let path;
      try { path = new URL(w.url).pathname; } catch (err) { path = w.url; }
      try {
        // Same-origin path of the webhook URL: the browser never posts a credential elsewhere.
        const r = await call('POST', path, { auth: false, body: payload.value, raw: true,
          headers: { Authorization: 'Basic ' + btoa(unescape(encodeURIComponent(cred.value))), 'Content-Type': 'application/json' } });
        const ok = r.status === 200;
        out.replaceChildren(h('div', { class: ok ? 'panel' : 'error', role: 'status' },
          h('p', {}, h('strong', {}, `HTTP ${r.status}`), ' ', r.json && r.json.status ? `${r.json.status.code} ${r.json.status.message}` : r.text),
          r.json && r.json.errors ? h('ul', {}, r.json.errors.map((x) => h('li', {}, x.attribute ? h('code', {}, x.attribute) : '', ' ', x.message))) : null,
          r.json && r.json.requestId ? h('p', {}, h('a', { href: `#/o/${enc(org)}/requests/${enc(r.json.requestId)}`, id: 'test-timeline' }, 'Open its timeline')) : null));
      } catch (err) { out.replaceChildren(errorBox(err, 'Not sent')); }
    });
    tester.replaceChildren(send);
  }

  // The definition is read again every 2 s: a test event verifies it in the pipeline, and the
  // Publish button comes on without a page refresh.
  async function poll() {
    if (stopped) return;
    try {
      const d = await api.get(`/orgs/${enc(org)}/events/${enc(existingName)}`);
      if (!definition || d.version !== definition.version || d.testStatus !== definition.testStatus || d.status !== definition.status) show(d);
    } catch (err) { if (!(err instanceof ApiError) || err.status !== 0) status.replaceChildren(errorBox(err, 'Cannot read the definition')); }
    if (!stopped) timer = setTimeout(poll, 2000);
  }

  main.append(h('h1', {}, existingName ? 'Event ' + existingName : 'New event definition'),
    h('p', {}, h('a', { href: `#/o/${enc(org)}/events` }, '← All event definitions')),
    h('div', { class: 'columns' }, h('div', {}, form), h('div', {}, status, tester, sample)));
  if (existingName) {
    Promise.all([api.get(`/orgs/${enc(org)}/events/${enc(existingName)}`), api.get(`/orgs/${enc(org)}/webhooks?limit=200`)])
      .then(([d, hooks]) => { webhooks = hooks.items.filter((w) => w.status === 'ENABLED'); fill(d); show(d); timer = setTimeout(poll, 2000); })
      .catch((err) => status.replaceChildren(errorBox(err, 'Cannot load ' + existingName)));
  } else {
    addAttr({ name: 'customer_id', type: 'CUSTOMER', required: true, identifierType: 'MOBILE', addCustomerIfNotExists: true });
    name.focus();
  }
  return () => { stopped = true; clearTimeout(timer); };
}

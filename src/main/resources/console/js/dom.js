// Small DOM helpers: every element is built with h(), so no HTML string is ever parsed
// (no injection from event data) and no inline script or style attribute is needed.

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'value' || k === 'checked' || k === 'selected' || k === 'disabled' && typeof v === 'boolean') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) { while (el.firstChild) el.firstChild.remove(); return el; }

let ids = 0;
export function uid(prefix) { ids += 1; return `${prefix}-${ids}`; }

/** A labelled control: the label's for= names the control, so screen readers and clicks reach it. */
export function field(labelText, control, hint) {
  if (!control.id) control.id = uid('f');
  const parts = [h('label', { for: control.id }, labelText), control];
  if (hint) {
    const hintEl = h('div', { class: 'muted', id: control.id + '-hint' }, hint);
    control.setAttribute('aria-describedby', hintEl.id);
    parts.push(hintEl);
  }
  return h('div', {}, parts);
}

export function checkbox(labelText, checked, attrs = {}) {
  const box = h('input', { type: 'checkbox', checked: !!checked, ...attrs });
  return { box, el: h('label', { class: 'inline' }, box, labelText) };
}

export function select(options, value, attrs = {}) {
  const s = h('select', attrs, options.map((o) => {
    const [v, text] = Array.isArray(o) ? o : [o, o];
    return h('option', { value: v, selected: v === value }, text);
  }));
  if (value !== undefined) s.value = value;
  return s;
}

export function badge(text) { return h('span', { class: 'badge s-' + text }, text); }

export function time(iso) {
  if (iso === undefined || iso === null || iso === '') return '—';
  const d = typeof iso === 'number' ? new Date(iso) : new Date(iso);
  if (isNaN(d)) return String(iso);
  return d.toISOString().replace('T', ' ').replace('Z', ' UTC');
}

/** An error answer as a person reads it: the message, then every problem the server listed. */
export function errorBox(err, prefix) {
  const items = (err && err.errors) || [];
  return h('div', { class: 'error', role: 'alert' },
    h('strong', {}, prefix ? prefix + ': ' : '', err ? err.message : 'Something went wrong'),
    items.length ? h('ul', {}, items.map((e) => h('li', {}, e.attribute ? h('code', {}, e.attribute) : '', e.attribute ? ' — ' : '',
      e.message, e.code ? ' (' + e.code + ')' : ''))) : null);
}

export function empty(text, ...more) { return h('div', { class: 'empty' }, text, ...more); }

/** The state shown where an API this server does not have yet would be. */
export function notDeployed(what, section) {
  return empty(`${what} is not available on this server: its API (DESIGN ${section}) answered 404. `
    + 'Once a Tidings version with it is deployed, this screen fills in by itself.');
}

export function table(columns, rows, caption) {
  return h('div', { class: 'table-wrap' }, h('table', {},
    caption ? h('caption', { class: 'sr-only' }, caption) : null,
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows)));
}

export function copyButton(getText, label = 'Copy') {
  const b = h('button', { type: 'button' }, label);
  b.addEventListener('click', async () => {
    try { await navigator.clipboard.writeText(getText()); b.textContent = 'Copied'; }
    catch (e) { b.textContent = 'Select and copy by hand'; }
    setTimeout(() => { b.textContent = label; }, 2000);
  });
  return b;
}

/** A secret the server shows once: kept only in this element, never stored or logged. */
export function secretBox(title, value, note) {
  const box = h('div', { class: 'secret', role: 'status', 'data-secret': '' },
    h('strong', {}, title), h('p', {}, note || 'Shown once: copy it now; the server keeps only a hash.'),
    h('p', {}, h('code', { class: 'secret-value' }, value)));
  append(box, [h('div', { class: 'actions' }, copyButton(() => value),
    h('button', { type: 'button', onclick: () => box.remove() }, 'I have saved it'))]);
  return box;
}

export function pre(value) {
  return h('pre', {}, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
}

export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(Boolean).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

export function link(href, text) { return h('a', { href }, text); }

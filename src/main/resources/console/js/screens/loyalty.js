import { api, enc } from '../api.js';
import { h, field, select, table, errorBox, empty, badge, notDeployed } from '../dom.js';

const WINDOWS = ['DAY', 'WEEK', 'MONTH', 'YEAR', 'ROLLING_7D', 'ROLLING_30D', 'LIFETIME'];

/** Loyalty rules and milestones (DESIGN §10) with the dry run beside the editor. */
export function render(main, { org }) {
  const base = `/orgs/${enc(org)}/loyalty`;
  const lists = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const editor = h('div', {});
  const dry = h('div', {});
  let definitions = [];
  main.append(h('h1', {}, 'Loyalty'), lists, h('div', { class: 'columns' }, editor, dry));

  const input = (name, value, attrs = {}) => h('input', { name, value: value === undefined || value === null ? '' : String(value), ...attrs });
  const eventPick = (value) => select(definitions.map((d) => [d.name, `${d.name} (${d.status})`]), value || (definitions[0] && definitions[0].name), { name: 'event' });

  function ruleEditor(rule) {
    const r = rule || { status: 'ACTIVE', rounding: 'FLOOR', caps: [] };
    const f = {
      name: input('name', r.name, { required: true }), event: eventPick(r.event), condition: input('condition', r.condition, { placeholder: 'event.room_nights >= 2' }),
      points: input('points', r.points, { placeholder: 'event.room_nights * 100', required: true }),
      rounding: select(['FLOOR', 'ROUND', 'NONE'], r.rounding, { name: 'rounding' }), caps: h('textarea', { name: 'caps', rows: 3 }),
      validFrom: input('validFrom', r.validFrom, { placeholder: '2026-01-01T00:00:00Z' }), validTo: input('validTo', r.validTo),
      expiresAfter: input('expiresAfter', r.expiresAfter, { placeholder: '365d' }), releaseAt: input('releaseAt', r.releaseAt, { placeholder: 'a DATE attribute' }),
      status: select(['ACTIVE', 'INACTIVE'], r.status, { name: 'status' }),
    };
    f.caps.value = JSON.stringify(r.caps || [], null, 0);
    const read = () => ({ name: f.name.value.trim(), event: f.event.value, condition: f.condition.value.trim() || null,
      points: /^-?\d+(\.\d+)?$/.test(f.points.value.trim()) ? Number(f.points.value.trim()) : f.points.value.trim(),
      rounding: f.rounding.value, caps: JSON.parse(f.caps.value || '[]'), validFrom: f.validFrom.value.trim() || null,
      validTo: f.validTo.value.trim() || null, expiresAfter: f.expiresAfter.value.trim() || null, releaseAt: f.releaseAt.value.trim() || null, status: f.status.value });
    return form('rule', rule, read, [h('div', { class: 'row' }, field('Rule name', f.name), field('Event', f.event), field('Status', f.status)),
      field('Condition (CEL, optional)', f.condition), field('Points (number or CEL)', f.points),
      h('div', { class: 'row' }, field('Rounding', f.rounding), field('Expires after', f.expiresAfter), field('Release at (DATE attribute)', f.releaseAt)),
      h('div', { class: 'row' }, field('Valid from', f.validFrom), field('Valid to', f.validTo)),
      field('Caps (JSON)', f.caps, `e.g. [{"metric":"POINTS","max":5000,"window":"MONTH"}]; windows ${WINDOWS.join(', ')}`)], f.event);
  }

  function milestoneEditor(m) {
    const x = m || { measure: 'COUNT', window: 'MONTH' };
    const f = { name: input('name', x.name, { required: true }), event: eventPick(x.event), condition: input('condition', x.condition),
      measure: select(['COUNT', 'SUM'], x.measure, { name: 'measure' }), attribute: input('attribute', x.attribute),
      target: input('target', x.target, { type: 'number', min: 1, required: true }), window: select(WINDOWS, x.window, { name: 'window' }),
      points: input('points', x.points, { type: 'number', required: true }) };
    const read = () => ({ name: f.name.value.trim(), event: f.event.value, condition: f.condition.value.trim() || null, measure: f.measure.value,
      attribute: f.attribute.value.trim() || null, target: Number(f.target.value), window: f.window.value, points: Number(f.points.value) });
    return form('milestone', m, read, [h('div', { class: 'row' }, field('Milestone name', f.name), field('Event', f.event)),
      field('Condition (CEL, optional)', f.condition),
      h('div', { class: 'row' }, field('Measure', f.measure), field('Attribute (for SUM)', f.attribute), field('Target', f.target), field('Window', f.window), field('Points', f.points))], f.event);
  }

  function form(kind, existing, read, fields, eventSelect) {
    const out = h('div', { 'aria-live': 'polite' });
    const el = h('form', { class: 'panel', id: kind + '-editor' }, h('h2', {}, existing ? `Edit ${kind} ${existing.name}` : `New ${kind}`), fields,
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, existing ? 'Save' : 'Create ' + kind)), out);
    el.addEventListener('submit', async (e) => {
      e.preventDefault();
      let body;
      try { body = read(); } catch (err) { out.replaceChildren(errorBox({ message: 'Caps must be JSON: ' + err.message })); return; }
      try {
        const path = `${base}/${kind}s` + (existing ? '/' + enc(existing.id) : '');
        const saved = existing ? await api.put(path, body) : await api.post(path, body);
        out.replaceChildren(h('p', { role: 'status' }, `Saved ${saved.name} (version ${saved.version || 1}).`));
        load();
        runDry();
      } catch (err) { out.replaceChildren(errorBox(err, 'Not saved')); }
    });
    eventSelect.addEventListener('change', () => dryRun(eventSelect.value));
    dryRun(eventSelect.value);
    return el;
  }

  let dryBody = null;
  let dryOut = null;
  function dryRun(eventName) {
    const d = definitions.find((x) => x.name === eventName);
    dryBody = h('textarea', { rows: 10, name: 'dry-run-event', 'aria-label': 'Event to evaluate (JSON, as posted)' });
    dryBody.value = JSON.stringify(d ? d.samplePayload : {}, null, 2);
    dryOut = h('div', { 'aria-live': 'polite', id: 'dry-run-out' });
    const f = h('form', { class: 'panel' }, h('h2', {}, 'Dry run'), h('p', { class: 'muted' }, 'Evaluates an event, as it would be posted, against every active rule and milestone; writes nothing.'),
      dryBody, h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Evaluate')), dryOut);
    f.addEventListener('submit', (e) => { e.preventDefault(); runDry(); });
    dry.replaceChildren(f);
  }
  async function runDry() {
    if (!dryBody) return;
    let event;
    try { event = JSON.parse(dryBody.value); } catch (err) { dryOut.replaceChildren(errorBox({ message: 'The event is not valid JSON: ' + err.message })); return; }
    try {
      const r = await api.post(`${base}/evaluate`, { event });
      dryOut.replaceChildren(r.results.length === 0 ? empty('No active rule or milestone.')
        : table(['Rule or milestone', 'Outcome', 'Points', 'Why'], r.results.map((x) => h('tr', {}, h('td', {}, h('code', {}, x.id)),
          h('td', {}, badge(x.outcome)), h('td', {}, x.points), h('td', {}, x.explanation || ''))), 'Dry run results'));
    } catch (err) { dryOut.replaceChildren(err.notDeployed ? notDeployed('The dry run', '§10') : errorBox(err, 'Not evaluated')); }
  }

  async function load() {
    try {
      const [rules, milestones] = await Promise.all([api.get(`${base}/rules`), api.get(`${base}/milestones`)]);
      lists.replaceChildren(h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => editor.replaceChildren(ruleEditor(null)) }, 'New rule'),
        h('button', { type: 'button', onclick: () => editor.replaceChildren(milestoneEditor(null)) }, 'New milestone')),
      h('h2', {}, 'Rules'), rules.items.length === 0 ? empty('No rules yet: a rule turns published events into points.')
        : table(['Rule', 'Event', 'Condition', 'Points', 'Status', ''], rules.items.map((r) => h('tr', {}, h('td', {}, r.name), h('td', {}, r.event),
          h('td', { class: 'mono' }, r.condition || '—'), h('td', { class: 'mono' }, String(r.points)), h('td', {}, badge(r.status), ` v${r.version}`),
          h('td', {}, h('button', { type: 'button', onclick: () => editor.replaceChildren(ruleEditor(r)) }, 'Edit')))), 'Rules'),
      h('h2', {}, 'Milestones'), milestones.items.length === 0 ? empty('No milestones yet.')
        : table(['Milestone', 'Event', 'Measure', 'Target', 'Window', 'Points', ''], milestones.items.map((m) => h('tr', {}, h('td', {}, m.name), h('td', {}, m.event),
          h('td', {}, m.measure + (m.attribute ? ' of ' + m.attribute : '')), h('td', {}, m.target), h('td', {}, m.window), h('td', {}, m.points),
          h('td', {}, h('button', { type: 'button', onclick: () => editor.replaceChildren(milestoneEditor(m)) }, 'Edit')))), 'Milestones'));
      if (!editor.firstChild) editor.replaceChildren(ruleEditor(null));
    } catch (err) {
      lists.replaceChildren(err.notDeployed ? notDeployed('Loyalty', '§10') : errorBox(err, 'Cannot read loyalty rules'));
    }
  }
  api.get(`/orgs/${enc(org)}/events?limit=200`).then((p) => { definitions = p.items; }).catch(() => {}).finally(load);
}

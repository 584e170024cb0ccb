// The s3fake console (docs/console.md). Everything shown comes from
// /_s3fake/api/... and every action goes through the admin endpoints.
// Object keys, metadata and policies are attacker-controlled: the DOM is
// built with createElement and text nodes only, never from HTML strings.
'use strict';

const BASE = '/_s3fake/';
const TOKEN_KEY = 's3fake-admin-token';

// el builds an element: attrs are properties or attributes, children are
// nodes or strings (which become text nodes).
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'onclick' || k === 'onsubmit') e.addEventListener(k.slice(2), v);
    else if (k === 'className') e.className = v;
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  e.append(...nodes(children));
  return e;
}

// nodes turns children (nested arrays of nodes, strings, numbers, and
// null or false for nothing) into nodes; strings become text nodes.
function nodes(children) {
  return children.flat(Infinity)
    .filter((c) => c !== undefined && c !== null && c !== false)
    .map((c) => (typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c));
}

// fill replaces the children of parent.
function fill(parent, ...children) { parent.replaceChildren(...nodes(children)); }

function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  return p.toString();
}

function headers() {
  const t = sessionStorage.getItem(TOKEN_KEY);
  return t ? { Authorization: 'Bearer ' + t } : {};
}

async function api(path, method) {
  const res = await fetch(BASE + path, { method: method || 'GET', headers: headers(), credentials: 'same-origin' });
  let body = {};
  try { body = await res.json(); } catch (_) { /* not JSON */ }
  if (res.status === 401) document.getElementById('token-form').hidden = false;
  if (!res.ok) throw new Error(body.error || res.status + ' ' + res.statusText);
  return body;
}

function status(msg, isError) {
  const s = document.getElementById('status');
  s.textContent = msg || '';
  s.className = isError ? 'error' : '';
}

function size(n) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0, v = n;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return (i === 0 ? String(v) : v.toFixed(1)) + ' ' + units[i];
}

function sizeCell(n) { return el('td', { className: 'num', title: n + ' bytes' }, size(n)); }

// objectURL is the download address of a version; the link carries no
// token, so with one the click fetches the bytes itself.
function downloadLink(bucket, key, versionId, label) {
  const href = BASE + 'api/object?' + qs({ bucket, key, versionId });
  const a = el('a', { href, download: key.split('/').pop() || 'object', className: 'download' }, label || 'download');
  a.addEventListener('click', async (ev) => {
    if (!sessionStorage.getItem(TOKEN_KEY)) return;
    ev.preventDefault();
    const res = await fetch(href, { headers: headers() });
    if (!res.ok) { status('download failed: ' + res.status, true); return; }
    const url = URL.createObjectURL(await res.blob());
    const tmp = el('a', { href: url, download: a.getAttribute('download') });
    document.body.append(tmp); tmp.click(); tmp.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  });
  return a;
}

async function refreshClock() {
  const c = await api('clock');
  document.getElementById('clock').textContent = c.now;
}

// ---- buckets ----

async function showBuckets(main, after) {
  const data = await api('api/buckets?' + qs({ after }));
  document.getElementById('clock').textContent = data.now;
  const rows = data.buckets.map((b) => el('tr', { 'data-bucket': b.name },
    el('td', {}, el('a', { href: '#/b/' + encodeURIComponent(b.name), className: 'bucket-link' }, b.name)),
    el('td', { className: 'mono' }, b.owner),
    el('td', {}, b.region),
    el('td', {}, b.versioning + (b.objectLock ? ', Object Lock' : '')),
    el('td', { className: 'num' }, String(b.objects)), sizeCell(b.size),
    el('td', { className: 'num' }, String(b.versions)),
    el('td', { className: 'num' }, String(b.configs)),
    el('td', {}, b.policy ? el('details', {}, el('summary', {}, 'policy'), el('pre', {}, b.policy)) : el('span', { className: 'muted' }, 'none'))));
  fill(main,
    el('h2', {}, 'Buckets'),
    rows.length ? el('table', { id: 'buckets' },
      el('thead', {}, el('tr', {}, ['Name', 'Owner', 'Region', 'Versioning', 'Objects', 'Size', 'Versions', 'Inventories', 'Policy'].map((h) => el('th', {}, h)))),
      el('tbody', {}, rows)) : el('p', { className: 'muted' }, 'No buckets yet.'),
    data.truncated ? el('button', { onclick: () => showBuckets(main, data.buckets[data.buckets.length - 1].name) }, 'Next buckets') : null);
}

// ---- one bucket ----

function showBucket(main, bucket) {
  const objects = el('section', { id: 'objects' });
  const details = el('section', { id: 'object-details' });
  const configs = el('section', { id: 'configs' });
  const preview = el('section', { id: 'preview', className: 'preview' });
  fill(main,
    el('p', {}, el('a', { href: '#/' }, '← all buckets')),
    el('h2', {}, 'Bucket ', el('span', { className: 'mono' }, bucket)),
    objects, details, configs, preview);
  const state = { bucket, prefix: '', versions: false, details, preview };
  renderObjects(objects, state, {});
  renderConfigs(configs, state);
}

async function renderObjects(section, state, from) {
  const prefix = el('input', { id: 'prefix', placeholder: 'prefix', value: state.prefix, 'aria-label': 'key prefix' });
  const versions = el('input', { id: 'show-versions', type: 'checkbox' });
  versions.checked = state.versions;
  const form = el('form', { className: 'toolbar', id: 'filter-form' }, prefix,
    el('label', {}, versions, ' versions and delete markers'), el('button', { type: 'submit', id: 'filter' }, 'Filter'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    state.prefix = prefix.value; state.versions = versions.checked;
    renderObjects(section, state, {});
  });
  let data;
  try {
    data = await api('api/objects?' + qs({ bucket: state.bucket, prefix: state.prefix, versions: state.versions ? '1' : '', after: from.after, afterVersion: from.afterVersion }));
  } catch (e) { fill(section, el('h3', {}, 'Objects'), form, el('p', { className: 'bad' }, e.message)); return; }
  const rows = data.entries.map((o) => el('tr', { className: 'object' },
    el('td', { className: 'key' }, o.key),
    state.versions ? el('td', { className: 'mono' }, o.versionId || '—') : null,
    state.versions ? el('td', {}, o.deleteMarker ? 'delete marker' : (o.isLatest ? 'latest' : '')) : null,
    sizeCell(o.size), el('td', {}, o.lastModified), el('td', { className: 'mono' }, o.etag || ''), el('td', {}, o.storageClass || ''),
    el('td', {}, el('button', { className: 'info', onclick: () => renderDetails(state, o) }, 'details'), ' ',
      o.deleteMarker ? null : downloadLink(state.bucket, o.key, o.versionId))));
  const head = ['Key'].concat(state.versions ? ['Version', ''] : [], ['Size', 'Last modified', 'ETag', 'Class', '']);
  fill(section, el('h3', {}, 'Objects (' + data.versioning + ')'), form,
    rows.length ? el('table', { id: 'object-table' }, el('thead', {}, el('tr', {}, head.map((h) => el('th', {}, h)))), el('tbody', {}, rows))
      : el('p', { className: 'muted', id: 'no-objects' }, 'No objects' + (state.prefix ? ' under this prefix.' : '.')),
    el('div', { className: 'toolbar' },
      from.after ? el('button', { onclick: () => renderObjects(section, state, {}) }, 'First page') : null,
      data.truncated ? el('button', { id: 'next-objects', onclick: () => renderObjects(section, state, { after: data.nextAfter, afterVersion: data.nextAfterVersion }) }, 'Next page') : null));
}

async function renderDetails(state, o) {
  const section = state.details;
  let d;
  try { d = await api('api/object-info?' + qs({ bucket: state.bucket, key: o.key, versionId: o.versionId })); } catch (e) { status(e.message, true); return; }
  const pairs = [['Key', d.key], ['Version id', d.versionId || '(none)'], ['Last modified', d.lastModified]];
  if (d.deleteMarker) pairs.push(['Delete marker', 'yes']);
  else pairs.push(['Size', d.size + ' bytes'], ['ETag', d.etag]);
  const dl = (list) => el('dl', { className: 'facts' }, list.map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  fill(section, el('h3', {}, 'Object'),
    dl(pairs),
    d.deleteMarker ? null : el('div', {},
      el('h4', {}, 'Metadata'), Object.keys(d.headers).length ? dl(Object.entries(d.headers)) : el('p', { className: 'muted' }, 'none'),
      Object.keys(d.tags).length ? [el('h4', {}, 'Tags'), dl(Object.entries(d.tags))] : null,
      el('h4', {}, 'Facts'), dl(d.facts || []),
      el('p', {}, downloadLink(state.bucket, d.key, o.versionId, 'Download this version'))));
  section.scrollIntoView({ block: 'nearest' });
}

// ---- inventory configurations, runs and reports ----

async function renderConfigs(section, state) {
  let data;
  try { data = await api('api/configs?' + qs({ bucket: state.bucket })); } catch (e) { fill(section, el('p', { className: 'bad' }, e.message)); return; }
  const cards = data.configs.map((c) => {
    const summary = [
      ['Schedule', c.frequency + (c.enabled ? '' : ' (disabled: runs deliver nothing)')],
      ['Next due', c.nextDue || '—'],
      ['Format', c.format], ['Versions', c.includedVersions],
      ['Destination bucket', c.destination],
      ['Destination prefix', c.destinationPrefix || '(none)'],
    ];
    if (c.destinationAccount) summary.push(['Destination account', c.destinationAccount]);
    if (c.encryption) summary.push(['Report encryption', c.encryption]);
    summary.push(['Filter prefix', c.filterPrefix || '(whole bucket)'], ['Columns', c.columns.join(', ')]);
    const runNow = el('button', { className: 'primary run-now', 'data-config': c.id }, 'Run now');
    runNow.addEventListener('click', async () => {
      runNow.disabled = true;
      try {
        const run = await api('inventory/run?' + qs({ bucket: state.bucket, id: c.id }), 'POST');
        status('run of ' + c.id + ' at ' + run.at + ': ' + (run.delivered ? 'delivered ' + run.rows + ' rows' : run.reason), !run.delivered);
        await renderConfigs(section, state);
      } catch (e) { status(e.message, true); runNow.disabled = false; }
    });
    return el('div', { className: 'card config', 'data-config': c.id },
      el('h3', {}, 'Inventory ', el('span', { className: 'mono' }, c.id)),
      el('dl', { className: 'facts' }, summary.map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])),
      el('details', {}, el('summary', {}, 'XML'), el('pre', { className: 'xml' }, c.xml)),
      el('div', { className: 'toolbar' }, runNow, el('span', { className: 'muted' }, c.runCount + ' run(s)' + (c.runCount > c.runs.length ? ', latest ' + c.runs.length + ' shown' : ''))),
      c.runs.length ? runsTable(state, c) : null);
  });
  fill(section, el('h3', {}, 'Inventory configurations'),
    cards.length ? cards : el('p', { className: 'muted' }, 'No inventory configurations.'),
    data.total > data.configs.length ? el('p', { className: 'muted' }, data.configs.length + ' of ' + data.total + ' shown') : null);
}

function runsTable(state, c) {
  const rows = c.runs.map((r) => el('tr', { className: 'run', 'data-run': r.index },
    el('td', { className: 'num' }, String(r.index + 1)),
    el('td', {}, r.at), el('td', {}, r.scheduled ? 'scheduled' : 'run now'),
    el('td', {}, r.delivered ? el('span', { className: 'good' }, 'delivered, ' + r.rows + ' rows') : el('span', { className: 'bad reason' }, r.reason)),
    el('td', { className: 'files' }, (r.keys || []).map((k) => downloadLink(r.destinationBucket, k, '', k.split('/').slice(-2).join('/')))),
    el('td', {}, r.delivered ? el('button', { className: 'preview-run', onclick: () => renderReport(state, c.id, r.index, 0) }, 'Preview rows') : null)));
  return el('table', { className: 'runs' },
    el('thead', {}, el('tr', {}, ['#', 'Due / scan time', 'Kind', 'Result', 'Files', ''].map((h) => el('th', {}, h)))),
    el('tbody', {}, rows));
}

async function renderReport(state, id, run, offset) {
  const section = state.preview;
  let d;
  try { d = await api('api/report?' + qs({ bucket: state.bucket, id, run, offset })); } catch (e) { fill(section, el('p', { className: 'bad' }, e.message)); return; }
  const end = d.offset + d.rows.length;
  fill(section,
    el('h3', {}, 'Report of ', el('span', { className: 'mono' }, id), ', run ' + (run + 1) + ' (' + d.format + ')'),
    el('p', { className: 'muted' }, 'Rows ' + (d.rows.length ? d.offset + 1 : 0) + '–' + end + ' of ' + d.total + ', read back like a consumer does (checksum, MD5s, ' + d.format + ' reader).'),
    el('table', { id: 'report-table' },
      el('thead', {}, el('tr', {}, d.columns.map((h) => el('th', {}, h)))),
      el('tbody', {}, d.rows.map((row) => el('tr', { className: 'report-row' }, row.map((v) => el('td', { className: 'mono' }, v)))))),
    el('div', { className: 'toolbar' },
      d.offset > 0 ? el('button', { onclick: () => renderReport(state, id, run, Math.max(0, d.offset - 100)) }, 'Previous rows') : null,
      end < d.total ? el('button', { onclick: () => renderReport(state, id, run, end) }, 'Next rows') : null));
  section.scrollIntoView({ block: 'nearest' });
}

// ---- routing and the header's actions ----

async function route() {
  const main = document.getElementById('main');
  const h = location.hash || '#/';
  try {
    if (h.startsWith('#/b/')) {
      showBucket(main, decodeURIComponent(h.slice(4)));
      await refreshClock();
    } else {
      await showBuckets(main);
    }
  } catch (e) { status(e.message, true); }
}

async function clockAction(path, what) {
  try {
    const r = await api(path, 'POST');
    const runs = r.runs ? ', ' + r.runs.length + ' scheduled run(s)' : '';
    status(what + ': now ' + r.now + runs);
    await route();
  } catch (e) { status(e.message, true); }
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('advance-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    clockAction('clock/advance?' + qs({ by: document.getElementById('advance-by').value }), 'advanced');
  });
  document.getElementById('set-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    clockAction('clock/set?' + qs({ to: document.getElementById('set-to').value }), 'clock set');
  });
  document.getElementById('token-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, document.getElementById('token').value);
    document.getElementById('token-form').hidden = true;
    route();
  });
  window.addEventListener('hashchange', () => { status(''); route(); });
  route();
});

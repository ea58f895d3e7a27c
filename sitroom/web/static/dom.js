// Small DOM helpers. Everything that comes from the store (titles, names, article text) is put into
// the page as text nodes or plain properties, never parsed as HTML, so a report cannot inject markup.

export const PLOVER_TYPES = [
  'AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST',
  'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT',
];

export const MODALITIES = ['asserted', 'negated', 'hypothetical', 'future', 'claimed'];

const TYPE_SET = new Set(PLOVER_TYPES);
const MODALITY_SET = new Set(MODALITIES);

// Class names are built only from these fixed vocabularies, so data never reaches a class list raw.
export function typeClass(type) {
  return TYPE_SET.has(type) ? `t-${type}` : 't-other';
}

export function modalityClass(modality) {
  return MODALITY_SET.has(modality) ? `m-${modality}` : 'm-asserted';
}

// el('a', {className: 'x', href: '#/y'}, 'text', child): properties are assigned, never parsed.
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'on') for (const [name, fn] of Object.entries(value)) node.addEventListener(name, fn);
    else if (key === 'href') node.setAttribute('href', value);
    else node[key] = value;
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Only web links leave the page: a javascript: or data: URL from a feed is shown as text.
export function externalLink(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return el('a', { href: parsed.href, rel: 'noopener noreferrer', target: '_blank' }, parsed.host);
}

export function route(name, id, params) {
  const query = params ? `?${new URLSearchParams(params)}` : '';
  return `#/${name}${id ? `/${encodeURIComponent(id)}` : ''}${query}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// "2014-06-15" → "15 Jun 2014"; anything else is shown as it came.
export function formatDay(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
  if (!match) return iso || '';
  return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
}

export const DAY_MS = 86_400_000;

// Days since 1970 for an ISO date, or null; whole days keep the timeline free of time zones.
export function dayNumber(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
  if (!match) return null;
  return Math.round(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS);
}

export function isoDay(day) {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

// The API counts offsets in code points; JS strings index UTF-16 units. Convert once per text.
export function codePointIndex(text) {
  if (!/[\uD800-\uDBFF]/.test(text)) return (offset) => offset;
  const units = [0];
  let unit = 0;
  for (const char of text) {
    unit += char.length;
    units.push(unit);
  }
  return (offset) => units[Math.max(0, Math.min(offset, units.length - 1))];
}

// Text with marked spans: spans are {start, end, className, title} in UTF-16 units, and may
// overlap; earlier spans in the list win, so callers list the most important first.
export function markedText(text, spans) {
  const chosen = [];
  for (const span of spans) {
    if (!(span.end > span.start)) continue;
    if (chosen.some((c) => span.start < c.end && c.start < span.end)) continue;
    chosen.push(span);
  }
  chosen.sort((a, b) => a.start - b.start);
  const fragment = document.createDocumentFragment();
  let at = 0;
  for (const span of chosen) {
    fragment.append(document.createTextNode(text.slice(at, span.start)));
    const mark = el('mark', { className: span.className || '', title: span.title || '' },
      text.slice(span.start, span.end));
    if (span.dataset) Object.assign(mark.dataset, span.dataset);
    fragment.append(mark);
    at = span.end;
  }
  fragment.append(document.createTextNode(text.slice(at)));
  return fragment;
}

// A span without the spaces and line breaks at its edges, which a mark would show as stray blobs.
export function trimSpan(text, start, end) {
  let from = start;
  let to = end;
  while (from < to && /\s/.test(text[from])) from += 1;
  while (to > from && /\s/.test(text[to - 1])) to -= 1;
  return [from, to];
}

// A window of text around [start, end), cut at spaces, with the span marked.
export function excerpt(text, spanStart, spanEnd, radius = 220) {
  const [start, end] = trimSpan(text, spanStart, spanEnd);
  let from = Math.max(0, start - radius);
  let to = Math.min(text.length, end + radius);
  if (from > 0) from = Math.max(text.indexOf(' ', from) + 1, from);
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > end) to = space;
  }
  const fragment = document.createDocumentFragment();
  if (from > 0) fragment.append('… ');
  fragment.append(markedText(text.slice(from, to), [
    { start: start - from, end: end - from, className: 'hit' },
  ]));
  if (to < text.length) fragment.append(' …');
  return fragment;
}

export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// The reading panel: event lists, one event with its source sentences in their articles, articles
// with their spans, stories with a cited summary and their outlets side by side, search results.
// Each renderer returns a DOM fragment; nothing from the store is ever parsed as HTML.

import { api, getArticle } from './api.js';
import {
  codePointIndex, el, excerpt, externalLink, formatDay, markedText, modalityClass, route, trimSpan,
  typeClass,
} from './dom.js';

const LIST_STEP = 200;

function dot(event) {
  return el('span', { className: `dot ${typeClass(event.type)} ${modalityClass(event.modality)}`, ariaHidden: 'true' });
}

function modalityBadge(modality) {
  if (!modality || modality === 'asserted') return null;
  return el('span', { className: `badge ${modalityClass(modality)}` }, modality);
}

function dateText(date) {
  if (!date || !date.start) return date && date.text ? `undated ("${date.text}")` : 'undated';
  const span = date.end && date.end !== date.start ? ` – ${formatDay(date.end)}` : '';
  return `${formatDay(date.start)}${span}`;
}

function placeText(place) {
  if (!place) return 'no place';
  return place.name || place.text || 'no place';
}

function eventItem(event) {
  return el('li', { className: 'event-item', dataset: { eventId: event.id, modality: event.modality || '' } },
    el('a', { href: route('event', event.id) },
      dot(event),
      el('span', { className: 'summary' }, event.summary || event.type),
      modalityBadge(event.modality)),
    el('div', { className: 'meta' },
      `${event.type}${event.mode ? ` · ${event.mode}` : ''} · ${dateText(event.date)} · ${placeText(event.place)}`
      + ` · ${event.n_sources || 1} source${event.n_sources === 1 ? '' : 's'}`));
}

// A long list grows by LIST_STEP items on demand: thousands of rows at once would stall the page.
function growingList(items, makeItem, className = 'items') {
  const list = el('ul', { className });
  let shown = 0;
  const more = el('button', { type: 'button', className: 'more' });
  function grow() {
    const next = items.slice(shown, shown + LIST_STEP);
    list.append(...next.map(makeItem));
    shown += next.length;
    more.textContent = `show more (${items.length - shown} left)`;
    more.hidden = shown >= items.length;
  }
  more.addEventListener('click', grow);
  grow();
  return [list, more];
}

export function eventList(view) {
  const byDate = [...view.events].sort((a, b) => (b.date?.start || '').localeCompare(a.date?.start || ''));
  const placedCount = view.events.filter((e) => e.place && Number.isFinite(e.place.lat)).length;
  const heading = el('h2', {}, `${view.events.length} event${view.events.length === 1 ? '' : 's'}`);
  const note = el('p', { className: 'hint' },
    `${placedCount} on the map, ${view.events.length - placedCount} without a place`,
    view.complete ? '' : ` — of ${view.total} matching; the map shows those in view`);
  return [heading, note, ...growingList(byDate, eventItem)];
}

function field(label, ...value) {
  return [el('dt', {}, label), el('dd', {}, ...value)];
}

function actorsText(actors) {
  return (actors || []).map((a) => a.name + (a.country ? ` (${a.country})` : '')).join('; ') || '—';
}

function conflictList(conflicts, outletOf) {
  if (!conflicts || !conflicts.length) return null;
  return el('section', { className: 'conflicts' },
    el('h3', {}, 'Sources disagree'),
    el('ul', {}, conflicts.map((c) => el('li', { className: 'conflict' },
      el('strong', {}, c.field), ': ',
      c.values.map((v, i) => [
        i ? ' vs ' : '',
        el('span', { className: 'value' }, formatValue(c.field, v.value)),
        ` (${(v.article_ids || []).map(outletOf).join(', ')})`,
      ])))));
}

function formatValue(fieldName, value) {
  if (fieldName === 'date' && typeof value === 'string') return `${formatDay(value)}`;
  if (value && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export async function eventView(id) {
  const event = await api(`/api/events/${encodeURIComponent(id)}`);
  const outlets = new Map((event.evidence || []).map((e) => [e.article_id, e.outlet || e.article_id]));
  const outletOf = (articleId) => outlets.get(articleId) || articleId;
  const place = event.place;
  const details = el('dl', { className: 'fields' },
    field('Type', `${event.type}${event.mode ? ` · ${event.mode}` : ''}`),
    event.acled ? field('ACLED', `${event.acled.event_type} · ${event.acled.sub_event_type}`) : null,
    field('Modality', event.modality, event.attributed_to ? ` — according to ${event.attributed_to}` : ''),
    field('Date', dateText(event.date), event.date?.text ? ` ("${event.date.text}")` : '',
      event.date?.precision && event.date.precision !== 'day' ? ` · ${event.date.precision}` : ''),
    field('Place', placeText(place), place && place.precision ? ` · ${place.precision}` : '',
      place && place.admin1 ? ` · ${place.admin1}` : '', place && place.country ? ` · ${place.country}` : ''),
    field('Actors', actorsText(event.actors)),
    field('Targets', actorsText(event.targets)),
    event.fatalities ? field('Deaths', `${event.fatalities.best ?? '?'}`,
      event.fatalities.text ? ` ("${event.fatalities.text}")` : '') : null,
    field('Sources', `${event.n_sources} article${event.n_sources === 1 ? '' : 's'}`),
    event.story_id ? field('Story', el('a', { href: route('story', event.story_id) }, 'open the story')) : null);
  const evidence = el('ol', { className: 'evidence' }, (event.evidence || []).map(evidenceItem));
  return [
    el('h2', { className: 'event-title' }, dot(event), ' ', event.summary || event.type, ' ', modalityBadge(event.modality)),
    details,
    conflictList(event.conflicts, outletOf),
    el('h3', {}, 'What the reports say'),
    evidence,
  ];
}

// One source sentence: shown at once as sent, then replaced by the sentence marked inside its
// article's text once the article has arrived.
function evidenceItem(source) {
  const context = el('blockquote', { className: 'context' }, source.sentence || '');
  const item = el('li', { className: 'evidence-item', dataset: { articleId: source.article_id } },
    el('div', { className: 'meta' },
      el('strong', {}, source.outlet || 'unknown outlet'),
      source.published ? ` · ${formatDay(source.published)}` : '',
      source.title ? ` · ${source.title}` : ''),
    context,
    el('a', {
      href: route('article', source.article_id, { start: source.start, end: source.end }),
      className: 'open-article',
    }, 'read the article'));
  getArticle(source.article_id).then((article) => {
    const toUnits = codePointIndex(article.text);
    context.replaceChildren(excerpt(article.text, toUnits(source.start), toUnits(source.end)));
  }).catch(() => {
    context.classList.add('unavailable');
  });
  return item;
}

export async function articleView(id, params) {
  const article = await getArticle(id);
  const toUnits = codePointIndex(article.text);
  const spans = [];
  const start = Number(params.get('start'));
  const end = Number(params.get('end'));
  if (params.has('start') && end > start) {
    const [from, to] = trimSpan(article.text, toUnits(start), toUnits(end));
    spans.push({ start: from, end: to, className: 'hit', dataset: { focus: '1' } });
  }
  for (const p of article.places || []) {
    const title = p.lat === null || p.lat === undefined ? 'place not found in the gazetteer'
      : `${p.name || p.text}${p.admin1 ? `, ${p.admin1}` : ''}${p.country ? `, ${p.country}` : ''}`;
    spans.push({ start: toUnits(p.start), end: toUnits(p.end), className: 'span-place', title });
  }
  for (const a of article.actors || []) {
    if (!Number.isFinite(a.start)) continue;
    spans.push({ start: toUnits(a.start), end: toUnits(a.end), className: 'span-actor', title: a.name || '' });
  }
  const url = article.url ? externalLink(article.url) : null;
  const body = el('div', { className: 'article-text' }, markedText(article.text, spans));
  return [
    el('h2', { className: 'article-title' }, article.title || '(no title)'),
    el('p', { className: 'meta' },
      article.outlet || 'unknown outlet',
      article.wire ? ` (${article.wire})` : '',
      article.published ? ` · ${formatDay(article.published)}` : ' · no date',
      url ? [' · ', url] : '',
      article.story_id ? [' · ', el('a', { href: route('story', article.story_id) }, 'its story')] : ''),
    el('p', { className: 'legend' },
      el('mark', { className: 'span-place' }, 'place'), ' ',
      el('mark', { className: 'span-actor' }, 'actor'), ' ',
      spans.length && spans[0].className === 'hit' ? el('mark', { className: 'hit' }, 'cited') : ''),
    body,
  ];
}

const STORY_PAGE = 50;

function storyItem(story) {
  const span = story.last_published !== story.first_published
    ? ` – ${formatDay(story.last_published)}` : '';
  return el('li', { className: 'story-item' },
    el('a', { href: route('story', story.id) }, story.title || story.id),
    el('div', { className: 'meta' },
      `${formatDay(story.first_published)}${span}`
      + ` · ${(story.article_ids || []).length} articles · ${(story.event_ids || []).length} events`));
}

// Stories, newest first, a page at a time from the server.
export async function storyList() {
  const first = await api('/api/stories', new URLSearchParams({ limit: String(STORY_PAGE) }));
  const list = el('ul', { className: 'items' }, first.items.map(storyItem));
  let shown = first.items.length;
  const more = el('button', { type: 'button', className: 'more', hidden: shown >= first.total });
  more.textContent = `show more (${first.total - shown} left)`;
  more.addEventListener('click', async () => {
    more.disabled = true;
    const page = await api('/api/stories', new URLSearchParams({
      limit: String(STORY_PAGE), offset: String(shown),
    }));
    list.append(...page.items.map(storyItem));
    shown += page.items.length;
    more.textContent = `show more (${page.total - shown} left)`;
    more.hidden = shown >= page.total || page.items.length === 0;
    more.disabled = false;
  });
  return [el('h2', {}, `${first.total} stor${first.total === 1 ? 'y' : 'ies'}`), list, more];
}

export async function storyView(id, { showOnMap }) {
  const story = await api(`/api/stories/${encodeURIComponent(id)}`);
  const articles = story.articles || [];
  const number = new Map(articles.map((a, i) => [a.id, i + 1]));
  const outletOf = new Map(articles.map((a) => [a.id, a.outlet || a.id]));
  const comparison = story.comparison || { outlets: [], disagreements: [] };
  return [
    el('h2', {}, story.title || 'Story'),
    el('p', { className: 'meta' },
      `${formatDay(story.first_published)} – ${formatDay(story.last_published)} · `,
      el('button', { type: 'button', className: 'link', on: { click: () => showOnMap(story) } }, 'show its events on the map')),
    el('h3', {}, 'Summary'),
    el('div', { className: 'summary' }, (story.summary || []).map((s) => summarySentence(s, number, outletOf))),
    el('h3', {}, 'Articles'),
    el('ol', { className: 'sources' }, articles.map((a) => el('li', {},
      el('a', { href: route('article', a.id) }, a.title || '(no title)'),
      ` — ${a.outlet || 'unknown outlet'}${a.published ? `, ${formatDay(a.published)}` : ''}`,
      a.duplicate_of ? ' (copy)' : ''))),
    disagreements(comparison.disagreements || []),
    el('h3', {}, 'Outlets side by side'),
    el('div', { className: 'outlets' },
      (comparison.outlets || []).map((o) => outletColumn(o, comparison.disagreements || []))),
  ];
}

function summarySentence(sentence, number, outletOf) {
  const cited = el('div', { className: 'cited', hidden: true });
  const buttons = (sentence.article_ids || []).map((articleId) => el('button', {
    type: 'button',
    className: 'cite',
    title: `cited from ${outletOf.get(articleId) || articleId}`,
    dataset: { articleId },
    on: { click: () => toggleCitation(cited, sentence.text, articleId, outletOf) },
  }, `[${number.get(articleId) || '?'}]`));
  return el('p', { className: 'summary-sentence' }, sentence.text, ' ', buttons, cited);
}

async function toggleCitation(box, sentence, articleId, outletOf) {
  if (!box.hidden && box.dataset.articleId === articleId) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  box.dataset.articleId = articleId;
  box.replaceChildren(el('p', { className: 'hint' }, 'loading…'));
  const article = await getArticle(articleId);
  const found = findSentence(article.text, sentence) || closestSentence(article.text, sentence);
  box.replaceChildren(
    el('div', { className: 'meta' }, el('strong', {}, outletOf.get(articleId) || articleId), ' · ',
      article.title || '(no title)'),
    found && found.closest ? el('p', { className: 'hint' }, 'Told in other words here; the closest sentence:') : null,
    el('blockquote', { className: 'context' }, found
      ? excerpt(article.text, found.start, found.end)
      : ['No sentence of this article is close to the summary\'s; it opens: ', article.text.slice(0, 280), ' …']),
    el('a', { href: route('article', articleId, found ? sentenceParams(article.text, found) : undefined) }, 'read the article'));
}

// Where the summary sentence stands, word for word, in the article.
function findSentence(text, sentence) {
  const clean = sentence.trim();
  const at = clean.length >= 12 ? text.indexOf(clean) : -1;
  return at >= 0 ? { start: at, end: at + clean.length } : null;
}

function words(text) {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) || []);
}

// Another outlet tells the same thing in its own words: show its sentence sharing the most words
// with the summary's (a third of them at least), marked as such.
function closestSentence(text, sentence) {
  const wanted = words(sentence);
  let best = null;
  const pattern = /[^.!?\n]+[.!?]*/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const have = words(match[0]);
    let shared = 0;
    for (const word of have) if (wanted.has(word)) shared += 1;
    const score = shared / Math.max(1, Math.min(wanted.size, have.size));
    if (score >= 0.34 && (!best || score > best.score)) {
      best = { start: match.index, end: match.index + match[0].length, score, closest: true };
    }
  }
  return best;
}

// Back from UTF-16 units to the code points that article links carry.
function sentenceParams(text, found) {
  const toPoints = (unit) => Array.from(text.slice(0, unit)).length;
  return { start: toPoints(found.start), end: toPoints(found.end) };
}

function disagreements(items) {
  if (!items.length) return el('p', { className: 'hint' }, 'The outlets agree on every field they share.');
  return el('section', { className: 'conflicts' },
    el('h3', {}, 'Where the outlets disagree'),
    el('ul', {}, items.map((d) => el('li', { className: 'conflict', dataset: { field: d.field } },
      el('a', { href: route('event', d.event_id) }, d.summary), ' — ', el('strong', {}, d.field), ': ',
      d.values.map((v, i) => [
        i ? ' vs ' : '',
        el('span', { className: 'value' }, formatValue(d.field, v.value)),
        ` (${(v.outlets || []).join(', ')})`,
    ])))));
}

function outletColumn(outlet, allDisagreements) {
  const says = [];
  for (const d of allDisagreements) {
    const mine = d.values.find((v) => (v.outlets || []).includes(outlet.outlet));
    if (mine) says.push(el('li', { className: 'conflict' }, `${d.summary}: `, el('strong', {}, d.field), ' ', el('span', { className: 'value' }, formatValue(d.field, mine.value))));
  }
  const briefs = (events) => el('ul', { className: 'briefs' }, events.map((e) => el('li', {},
    dot(e), el('a', { href: route('event', e.id) }, e.summary), ' ', modalityBadge(e.modality))));
  return el('section', { className: 'outlet' },
    el('h4', {}, outlet.outlet),
    says.length ? [el('h5', {}, 'Says differently'), el('ul', {}, says)] : null,
    el('h5', {}, `Reported with others (${outlet.shared_events.length})`), briefs(outlet.shared_events),
    el('h5', {}, `Only here (${outlet.own_events.length})`), briefs(outlet.own_events),
    outlet.numbers.length ? [el('h5', {}, 'Death tolls'), el('ul', {}, outlet.numbers.map((n) => el('li', {}, `${n.summary}: ${n.best}${n.text ? ` ("${n.text}")` : ''}`)))] : null,
    outlet.quotes.length ? [el('h5', {}, `Quotes (${outlet.quotes.length})`), el('ul', { className: 'quotes' }, outlet.quotes.map((q) => el('li', {},
      el('strong', {}, q.speaker || 'unnamed'), ': “', q.text, '”',
      q.also_in.length ? el('span', { className: 'hint' }, ` also quoted by ${q.also_in.join(', ')}`) : '')))] : null);
}

export async function searchView(params) {
  const q = (params.get('q') || '').trim();
  if (!q) return [el('p', { className: 'hint' }, 'Type words to search the articles and events.')];
  const query = new URLSearchParams({ q, limit: '50' });
  const [articles, events] = await Promise.all([api('/api/articles', query), api('/api/events', query)]);
  return [
    el('h2', {}, `Search: ${q}`),
    el('h3', {}, `Articles (${articles.total})`),
    el('ul', { className: 'items' }, articles.items.map((a) => el('li', { className: 'article-item' },
      el('a', { href: route('article', a.id) }, a.title || '(no title)'),
      el('div', { className: 'meta' }, `${a.outlet || 'unknown outlet'}${a.published ? ` · ${formatDay(a.published)}` : ''}`)))),
    el('h3', {}, `Events (${events.total})`),
    ...growingList(events.items, eventItem),
  ];
}

// The sitroom page: wires the filters, map, timeline and reading panel to one state object.
//
// Loading strategy, for stores from two reports to 100,000 events: the page first asks how many
// events match the filters (a one-row request). When they fit under HOLD_ALL it holds them all,
// and panning, zooming and brushing the timeline are then instant and need no request. When they
// do not, it follows the map instead: it asks for the events inside the visible box and date
// window, best-corroborated first, up to FOLLOW_CAP, and says how many it left out. Pages are
// drawn as they arrive.

import { ApiError, api, fetchPages, filterParams, withParams } from './api.js';
import { createMap, isPlaced, librariesLoaded } from './map.js';
import { MODALITIES, PLOVER_TYPES, debounce, dayNumber, el, formatDay, isoDay } from './dom.js';
import { articleView, eventList, eventView, searchView, storyList, storyView } from './panels.js';
import { createTimeline } from './timeline.js';

const HOLD_ALL = 5000; // a match this small is held whole: panning and brushing need no request
const FOLLOW_CAP = 2500; // otherwise, the most the page asks for in one view
const REFRESH_MS = 120_000;
const LIBRARIES_HINT = 'map libraries not installed: run npm ci --prefix sitroom/web';

const MODALITY_NOTES = {
  asserted: 'reported as happening or having happened',
  negated: 'reported as not happening ("no plans to…")',
  hypothetical: 'an option or possibility ("could launch…")',
  future: 'planned or announced ("will meet…")',
  claimed: "only a party's claim",
};

const state = {
  filters: {
    types: new Set(PLOVER_TYPES), modalities: new Set(MODALITIES),
    q: '', actor: '', place: '', minSources: 1, story: '', storyTitle: '',
  },
  events: [], // the loaded events
  total: 0, // how many matched on the server
  complete: false, // true when `events` holds every match, wherever it is placed
  window: null, // {start, end} in day numbers, brushed on the timeline
  fitted: false,
  loading: null, // AbortController of the load in flight
  probe: null, // total and newest id at the last load, to notice new reports cheaply
  panelToken: 0,
  standingNotice: '',
  map: null,
  timeline: null,
};

const $ = (id) => document.getElementById(id);

function readSettings() {
  try {
    return JSON.parse($('sitroom-settings').textContent);
  } catch {
    return {};
  }
}

// A passing error replaces the notice until the next good load; a standing one (no map
// libraries) comes back whenever nothing else needs saying.
function notice(message) {
  const box = $('notice');
  const text = message || state.standingNotice;
  box.textContent = text;
  box.hidden = !text;
}

function setStatus(text) {
  $('status').textContent = text;
}

// --- filters -----------------------------------------------------------------------------------

function buildFilterLists() {
  $('type-list').replaceChildren(...PLOVER_TYPES.map((type) => el('label', { className: 'check' },
    el('input', { type: 'checkbox', name: 'type', value: type, checked: true }),
    el('span', { className: `swatch t-${type}` }), type.toLowerCase())));
  $('modality-list').replaceChildren(...MODALITIES.map((modality) => el('label', {
    className: 'check', title: MODALITY_NOTES[modality],
  },
  el('input', { type: 'checkbox', name: 'modality', value: modality, checked: true }),
  el('span', { className: `legend-marker t-ASSAULT m-${modality}` }), modality)));
}

function readFilters() {
  const form = $('filter-form');
  const data = new FormData(form);
  const filters = state.filters;
  filters.types = new Set(data.getAll('type'));
  filters.modalities = new Set(data.getAll('modality'));
  filters.q = String(data.get('q') || '').trim();
  filters.actor = String(data.get('actor') || '').trim();
  filters.place = String(data.get('place') || '').trim();
  filters.minSources = Math.max(1, Number(data.get('min_sources')) || 1);
}

function storyChip() {
  const { story, storyTitle } = state.filters;
  let chip = $('story-chip');
  if (!story) {
    if (chip) chip.remove();
    return;
  }
  if (!chip) {
    chip = el('div', { id: 'story-chip', className: 'chip' });
    $('filter-form').prepend(chip);
  }
  chip.replaceChildren(`story: ${storyTitle || story} `, el('button', {
    type: 'button', title: 'show every story', on: { click: () => setStory(null) },
  }, '×'));
}

function setStory(story) {
  state.filters.story = story ? story.id : '';
  state.filters.storyTitle = story ? story.title || story.id : '';
  state.fitted = !story; // a story's events are worth a new fit of the map
  storyChip();
  reload();
}

// --- loading -----------------------------------------------------------------------------------

function viewBox() {
  if (!state.map) return null;
  const bounds = state.map.map.getBounds().pad(0.2);
  const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
  const west = bounds.getWest();
  const east = bounds.getEast();
  // A view wider than the world asks for all longitudes rather than a wrapped box.
  const whole = east - west >= 360;
  const wrap = (lon) => ((((lon + 180) % 360) + 360) % 360) - 180;
  return [
    whole ? -180 : wrap(west), clamp(bounds.getSouth(), -90, 90),
    whole ? 180 : wrap(east), clamp(bounds.getNorth(), -90, 90),
  ].map((v) => v.toFixed(4)).join(',');
}

async function reload() {
  if (state.loading) state.loading.abort();
  const controller = new AbortController();
  state.loading = controller;
  const params = filterParams(state.filters);
  if (!params) {
    Object.assign(state, { events: [], total: 0, complete: true, probe: 'nothing' });
    render();
    return;
  }
  setStatus('loading…');
  try {
    // One cheap question first: how many match, and which is newest (to notice changes later)?
    const found = await probe(params, controller.signal);
    state.probe = found.key;
    state.complete = found.total <= HOLD_ALL;
    const query = state.complete
      ? withParams(params, { sort: '-date' })
      : withParams(params, {
        sort: '-sources',
        bbox: viewBox(),
        start: state.window ? isoDay(state.window.start) : null,
        end: state.window ? isoDay(state.window.end) : null,
      });
    const cap = state.complete ? HOLD_ALL : FOLLOW_CAP;
    // Each page is drawn as it arrives, so the map fills within a second even when 5,000 come.
    const showPage = (items, total) => {
      if (state.loading !== controller) return;
      state.events = items;
      state.total = total;
      render({ loading: items.length < Math.min(total, cap) });
    };
    await fetchPages(query, cap, controller.signal, showPage);
    notice('');
  } catch (error) {
    if (error.name === 'AbortError') return;
    notice(error instanceof ApiError ? error.message : `could not load events: ${error.message}`);
    setStatus('');
  } finally {
    if (state.loading === controller) state.loading = null;
  }
}

// How many events match, and the newest of them: when neither moved since the last load,
// nothing needs fetching.
async function probe(params, signal) {
  const page = await api('/api/events', withParams(params, { limit: 1, sort: '-date' }), signal);
  return { total: page.total, key: `${page.total}:${page.items.length ? page.items[0].id : ''}` };
}

async function refreshIfChanged() {
  if (document.hidden || state.loading) return;
  const params = filterParams(state.filters);
  if (!params) return;
  try {
    if ((await probe(params)).key !== state.probe) reload();
  } catch {
    // A missed refresh is retried on the next tick; the page keeps what it shows.
  }
}

// --- rendering ---------------------------------------------------------------------------------

function inWindow(event) {
  if (!state.window || !state.complete) return true;
  const start = dayNumber(event.date && event.date.start);
  if (start === null) return false;
  const end = dayNumber(event.date.end) ?? start;
  return end >= state.window.start && start <= state.window.end;
}

function visibleEvents() {
  return state.events.filter(inWindow);
}

function render({ loading = false } = {}) {
  const visible = visibleEvents();
  if (state.map) {
    state.map.setEvents(visible);
    if (!state.fitted && visible.some(isPlaced)) state.fitted = state.map.fit(visible);
  }
  renderTimeline();
  renderStatus(visible, loading);
  const current = parseRoute();
  if (current.name === 'events') renderPanel();
}

function renderTimeline() {
  const info = state.timeline.setEvents(state.events);
  $('timeline-range').textContent = timelineText(info);
  const spanButton = $('timeline-span');
  spanButton.hidden = !info.earlier && !state.timeline.showAll;
  spanButton.textContent = state.timeline.showAll ? 'recent days only' : `show ${info.earlier} earlier`;
  $('timeline-clear').hidden = !state.window;
}

function timelineText(info) {
  const parts = [];
  parts.push(state.window
    ? `${formatDay(isoDay(state.window.start))} – ${formatDay(isoDay(state.window.end))} (undated events hidden)`
    : 'all dates — drag across the bars to choose days');
  if (info.undated) parts.push(`${info.undated} undated`);
  if (info.binDays > 1) parts.push(`bars of ${info.binDays} days`);
  if (!state.complete) parts.push('bars count the loaded events only');
  return parts.join(' · ');
}

function renderStatus(visible, loading) {
  const onMap = visible.filter(isPlaced).length;
  let text = `${visible.length} events, ${onMap} on the map`;
  if (!state.complete) {
    text = `${state.events.length} of ${state.total} events in view (the best-corroborated): zoom in or narrow the dates`;
  }
  setStatus(loading ? `loading… ${text}` : text);
}

// --- the reading panel -------------------------------------------------------------------------

function parseRoute() {
  const [path, query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [name = 'events', id = ''] = path.split('/');
  return { name: name || 'events', id: decodeURIComponent(id), params: new URLSearchParams(query) };
}

const RENDERERS = {
  events: () => eventList({ events: visibleEvents(), total: state.total, complete: state.complete }),
  stories: () => storyList(),
  event: (r) => eventView(r.id),
  story: (r) => storyView(r.id, { showOnMap: (story) => setStory(story) }),
  article: (r) => articleView(r.id, r.params),
  search: (r) => searchView(r.params),
};

async function renderPanel() {
  const current = parseRoute();
  const renderer = RENDERERS[current.name] || RENDERERS.events;
  const token = ++state.panelToken;
  const panel = $('panel');
  panel.setAttribute('aria-busy', 'true');
  for (const tab of document.querySelectorAll('.tabs a')) {
    tab.classList.toggle('active', tab.dataset.tab === current.name);
  }
  if (state.map) state.map.select(current.name === 'event' ? current.id : null, { reveal: true });
  let content;
  try {
    content = await renderer(current);
  } catch (error) {
    content = [el('p', { className: 'error' }, error.message)];
  }
  if (token !== state.panelToken) return; // a later route has been drawn meanwhile
  const back = current.name === 'events' || current.name === 'stories' ? null
    : el('button', { type: 'button', className: 'back', on: { click: () => history.back() } }, '← back');
  panel.replaceChildren(...[back, ...content.flat()].filter(Boolean));
  panel.setAttribute('aria-busy', 'false');
  panel.dataset.view = current.name;
  // Stories and articles are read at length: their panel widens, and the map must be told.
  if (document.body.dataset.view !== current.name) {
    document.body.dataset.view = current.name;
    if (state.map) state.map.map.invalidateSize();
  }
  const focus = panel.querySelector('[data-focus]');
  if (focus) focus.scrollIntoView({ block: 'center' });
  else panel.scrollTop = 0;
}

// --- map view in the address -------------------------------------------------------------------

// ?at=lat,lon,zoom keeps the view across reloads and makes a view shareable as a link.
function initialView() {
  const at = new URLSearchParams(location.search).get('at') || localStorage.getItem('sitroom.at');
  const parts = (at || '').split(',').map(Number);
  if (parts.length === 3 && parts.every(Number.isFinite)) return { center: [parts[0], parts[1]], zoom: parts[2] };
  return null;
}

function rememberView(leafletMap) {
  const center = leafletMap.getCenter();
  const at = `${center.lat.toFixed(4)},${center.lng.toFixed(4)},${leafletMap.getZoom()}`;
  const url = new URL(location.href);
  url.searchParams.set('at', at);
  history.replaceState(history.state, '', url);
  localStorage.setItem('sitroom.at', at);
}

// --- start -------------------------------------------------------------------------------------

function startMap(settings) {
  if (settings.librariesMissing || !librariesLoaded()) {
    const message = settings.librariesMissing || LIBRARIES_HINT;
    state.standingNotice = message;
    notice('');
    $('map').replaceChildren(el('p', { className: 'map-missing' }, message));
    return null;
  }
  // Only a store too big to hold follows the view; checked again when the wait is over, since
  // the first load may have found the whole store small enough meanwhile.
  const follow = debounce(() => {
    if (!state.complete) reload();
  }, 350);
  const map = createMap($('map'), {
    tileUrl: settings.tileUrl,
    onSelect: (event) => { location.hash = `#/event/${encodeURIComponent(event.id)}`; },
    onMove: (leafletMap) => {
      rememberView(leafletMap);
      if (state.probe && !state.complete) follow();
    },
  });
  const view = initialView();
  if (view) {
    map.map.setView(view.center, view.zoom);
    state.fitted = true;
  } else {
    map.map.setView([30, 20], 3);
  }
  map.loadBorders('/vendor/countries-50m.json').catch(() => notice('the country borders could not be loaded'));
  return map;
}

function wireControls() {
  const form = $('filter-form');
  const changed = debounce(() => {
    readFilters();
    reload();
  }, 300);
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  form.addEventListener('reset', () => setTimeout(changed, 0));
  form.addEventListener('submit', (event) => event.preventDefault());
  for (const button of form.querySelectorAll('[data-check]')) {
    button.addEventListener('click', () => {
      for (const box of form.querySelectorAll(`input[name="${button.dataset.check}"]`)) {
        box.checked = button.dataset.value === 'all';
      }
      changed();
    });
  }
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const q = $('search-input').value.trim();
    location.hash = `#/search?${new URLSearchParams({ q })}`;
  });
  $('timeline-clear').addEventListener('click', () => setWindow(null));
  $('timeline-span').addEventListener('click', () => {
    state.timeline.setShowAll(!state.timeline.showAll);
    renderTimeline();
  });
  window.addEventListener('hashchange', renderPanel);
  document.addEventListener('visibilitychange', refreshIfChanged);
  setInterval(refreshIfChanged, REFRESH_MS);
}

function setWindow(range) {
  state.window = range;
  state.timeline.setWindow(range);
  if (state.complete) render();
  else reload();
}

function main() {
  const settings = readSettings();
  buildFilterLists();
  state.timeline = createTimeline($('timeline'), { onWindow: setWindow });
  state.map = startMap(settings);
  wireControls();
  renderPanel();
  reload();
}

main();

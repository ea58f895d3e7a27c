// The JSON API as the page uses it: one fetch helper, and the /api/events filters as query strings.

import { MODALITIES, PLOVER_TYPES } from './dom.js';

export const PAGE_SIZE = 500; // the API's largest page

export class ApiError extends Error {}

export async function api(path, params, signal) {
  const query = params && String(params) ? `?${params}` : '';
  const response = await fetch(`${path}${query}`, { signal, headers: { Accept: 'application/json' } });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const message = body && typeof body.message === 'string' ? body.message : response.statusText;
    throw new ApiError(`${path}: ${message}`);
  }
  return body;
}

// Query parameters for the filters, or null when they select nothing (every type or modality
// unticked): then the page shows no events without asking the server.
export function filterParams(filters) {
  const params = new URLSearchParams();
  if (filters.types.size === 0 || filters.modalities.size === 0) return null;
  if (filters.types.size < PLOVER_TYPES.length) for (const t of filters.types) params.append('type', t);
  if (filters.modalities.size < MODALITIES.length) {
    for (const m of filters.modalities) params.append('modality', m);
  }
  for (const name of ['q', 'actor', 'place', 'story']) {
    if (filters[name]) params.set(name, filters[name]);
  }
  if (filters.minSources > 1) params.set('min_sources', String(filters.minSources));
  return params;
}

export function withParams(params, extra) {
  const copy = new URLSearchParams(params);
  for (const [key, value] of Object.entries(extra)) {
    if (value !== null && value !== undefined) copy.set(key, String(value));
  }
  return copy;
}

// Every page of a query, up to `cap` records; `onPage(items, total)` sees the records so far
// after each page.
export async function fetchPages(params, cap, signal, onPage) {
  let items = [];
  let total = Infinity;
  while (items.length < Math.min(total, cap)) {
    // Brief records (no evidence sentences) are a fraction of the size; the total is counted
    // once, on the first page.
    const page = await api('/api/events', withParams(params, {
      limit: Math.min(PAGE_SIZE, cap - items.length),
      offset: items.length,
      fields: 'brief',
      count: total === Infinity ? null : 'false',
    }), signal);
    if (total === Infinity) total = page.total;
    if (page.items.length === 0) break;
    items = [...items, ...page.items];
    onPage(items, total);
  }
  if (items.length === 0) onPage(items, total === Infinity ? 0 : total);
  return { items, total };
}

const articleCache = new Map();
const ARTICLE_CACHE_SIZE = 40;

// Articles are read again and again from the event and story panels: keep the last few.
export async function getArticle(id) {
  if (articleCache.has(id)) {
    const hit = articleCache.get(id);
    articleCache.delete(id);
    articleCache.set(id, hit);
    return hit;
  }
  const promise = api(`/api/articles/${encodeURIComponent(id)}`);
  articleCache.set(id, promise);
  if (articleCache.size > ARTICLE_CACHE_SIZE) articleCache.delete(articleCache.keys().next().value);
  try {
    return await promise;
  } catch (error) {
    articleCache.delete(id);
    throw error;
  }
}

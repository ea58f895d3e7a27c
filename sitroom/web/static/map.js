// The map: an offline basemap of country borders (Natural Earth via world-atlas), optional online
// tiles, and clustered event markers coloured by PLOVER type and drawn by modality.
// Leaflet, markercluster and topojson-client arrive as globals from /vendor (see vendor.json).

import { MODALITIES, el, modalityClass, typeClass } from './dom.js';

const L = globalThis.L;
const topojson = globalThis.topojson;
const VAGUE_PRECISION = new Set(['country', 'region', 'province']);

export function librariesLoaded() {
  return Boolean(L && L.markerClusterGroup && topojson);
}

function placed(event) {
  const place = event.place;
  return Boolean(place && Number.isFinite(place.lat) && Number.isFinite(place.lon));
}

export function isPlaced(event) {
  return placed(event);
}

// One icon object per look, shared by all markers of that look.
const icons = new Map();

function iconFor(event) {
  const vague = VAGUE_PRECISION.has(event.place.precision);
  const className = `ev-marker ${typeClass(event.type)} ${modalityClass(event.modality)}${vague ? ' vague' : ''}`;
  if (!icons.has(className)) {
    icons.set(className, L.divIcon({ className, html: '', iconSize: vague ? [20, 20] : [14, 14] }));
  }
  return icons.get(className);
}

function clusterTitle(counts, total) {
  const parts = MODALITIES.filter((m) => counts[m]).map((m) => `${counts[m]} ${m}`);
  return `${total} events: ${parts.join(', ')}`;
}

export function createMap(container, { tileUrl, onSelect, onMove }) {
  const markerEvents = new WeakMap();
  let markers = new Map(); // event id → marker, for the events on the map now
  let selectedId = null;

  const map = L.map(container, {
    preferCanvas: true, // the 50m borders draw far faster on one canvas than as SVG paths
    worldCopyJump: true,
    minZoom: 2,
    maxZoom: tileUrl ? 18 : 14,
    zoomSnap: 0.5,
  });
  map.attributionControl.setPrefix(false);
  if (tileUrl) L.tileLayer(tileUrl, { maxZoom: 18 }).addTo(map);

  const cluster = L.markerClusterGroup({
    chunkedLoading: true, // large sets are added in slices so the page never freezes
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    maxClusterRadius: (zoom) => (zoom >= 9 ? 24 : 48),
    iconCreateFunction: (group) => clusterIcon(group, markerEvents),
  });
  cluster.addTo(map);

  map.on('moveend', () => onMove(map));

  // Markers are kept while their event record is the same object, so brushing the timeline
  // re-adds existing markers instead of building new ones.
  function markerFor(event) {
    const known = markers.get(event.id);
    if (known && markerEvents.get(known) === event) return known;
    const place = event.place;
    const marker = L.marker([place.lat, place.lon], {
      icon: iconFor(event),
      // Leaflet sets the title as a property, so the place name stays text.
      title: `${place.name || place.text || 'place'} — ${event.summary || event.type} (${event.modality})`,
      keyboard: true,
    });
    markerEvents.set(marker, event);
    marker.on('click', () => onSelect(event));
    marker.on('add', () => tagMarker(marker, event));
    return marker;
  }

  function tagMarker(marker, event) {
    const node = marker.getElement();
    if (!node) return;
    node.dataset.eventId = event.id;
    node.dataset.modality = event.modality;
    node.dataset.type = event.type;
    node.dataset.lat = String(event.place.lat);
    node.dataset.lon = String(event.place.lon);
    node.classList.toggle('selected', event.id === selectedId);
  }

  return {
    map,
    setEvents(events) {
      const next = new Map();
      for (const event of events) if (placed(event)) next.set(event.id, markerFor(event));
      markers = next;
      cluster.clearLayers();
      cluster.addLayers([...next.values()]);
    },
    select(id, { reveal }) {
      const previous = markers.get(selectedId);
      selectedId = id;
      if (previous && previous.getElement()) previous.getElement().classList.remove('selected');
      const marker = markers.get(id);
      if (!marker || !cluster.hasLayer(marker)) return;
      if (marker.getElement()) marker.getElement().classList.add('selected');
      // From a list, the marker may sit in a cluster or off screen: zoom until it shows itself.
      const shown = cluster.getVisibleParent(marker) === marker
        && map.getBounds().contains(marker.getLatLng());
      if (reveal && !shown) {
        cluster.zoomToShowLayer(marker, () => tagMarker(marker, markerEvents.get(marker)));
      }
    },
    fit(events) {
      const points = events.filter(placed);
      const precise = points.filter((e) => !VAGUE_PRECISION.has(e.place.precision));
      const chosen = precise.length ? precise : points;
      if (!chosen.length) return false;
      const bounds = L.latLngBounds(chosen.map((e) => [e.place.lat, e.place.lon]));
      map.fitBounds(bounds.pad(0.3), { maxZoom: 8 });
      return true;
    },
    async loadBorders(url) {
      const topo = await (await fetch(url)).json();
      const countries = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(countries, {
        interactive: false,
        style: tileUrl
          ? { color: '#55606b', weight: 0.8, fill: false }
          : { color: '#8d98a3', weight: 0.7, fillColor: '#f7f5ef', fillOpacity: 1 },
        attribution: 'Borders: Natural Earth',
      }).addTo(map);
      if (!tileUrl) addCountryLabels(map, countries.features);
    },
  };
}

// A cluster shows its count in the colour of its commonest type; dashed when none of its events
// is asserted, so a heap of mere threats and options never looks like fighting.
function clusterIcon(group, markerEvents) {
  const children = group.getAllChildMarkers();
  const types = new Map();
  const modalities = {};
  for (const marker of children) {
    const event = markerEvents.get(marker);
    if (!event) continue;
    types.set(event.type, (types.get(event.type) || 0) + 1);
    modalities[event.modality] = (modalities[event.modality] || 0) + 1;
  }
  let common = null;
  for (const [type, count] of types) if (!common || count > types.get(common)) common = type;
  const total = children.length;
  const size = Math.round(26 + Math.min(22, Math.log2(total) * 4));
  const uncertain = !modalities.asserted;
  const badge = el('div', {
    className: `ev-cluster ${typeClass(common)}${uncertain ? ' uncertain' : ''}`,
    title: clusterTitle(modalities, total),
  }, String(total));
  return L.divIcon({ html: badge, className: 'ev-cluster-icon', iconSize: [size, size] });
}

// Country names for the offline basemap, which otherwise has none. Each name sits in the middle
// of its country's largest part and shows only once that part is wide enough on screen for it.
function addCountryLabels(map, features) {
  // Above the borders, below the markers: a name never hides an event.
  map.createPane('labels').style.zIndex = 450;
  const labels = [];
  for (const feature of features) {
    const name = feature.properties && feature.properties.name;
    const bounds = largestPart(feature.geometry);
    if (!name || !bounds) continue;
    const text = el('span', { className: 'country-label' }, name);
    const marker = L.marker(bounds.getCenter(), {
      icon: L.divIcon({ html: text, className: 'country-label-icon', iconSize: [0, 0] }),
      pane: 'labels',
      interactive: false,
      keyboard: false,
    });
    labels.push({ marker, bounds, width: name.length * 6.5 });
  }
  const update = () => {
    for (const label of labels) {
      const west = map.latLngToContainerPoint(label.bounds.getSouthWest());
      const east = map.latLngToContainerPoint(label.bounds.getNorthEast());
      const fits = Math.abs(east.x - west.x) > label.width;
      if (fits && !map.hasLayer(label.marker)) label.marker.addTo(map);
      else if (!fits && map.hasLayer(label.marker)) label.marker.remove();
    }
  };
  map.on('zoomend', update);
  update();
}

function largestPart(geometry) {
  if (!geometry) return null;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates || [];
  let best = null;
  let bestArea = -1;
  for (const polygon of polygons) {
    const ring = polygon[0] || [];
    if (!ring.length) continue;
    const bounds = L.latLngBounds(ring.map(([lon, lat]) => [lat, lon]));
    const area = (bounds.getEast() - bounds.getWest()) * (bounds.getNorth() - bounds.getSouth());
    if (area > bestArea) {
      best = bounds;
      bestArea = area;
    }
  }
  return best;
}

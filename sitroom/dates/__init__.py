"""Temporal expressions: found in parsed articles and resolved against the publication date.

``find_dates(doc, published=..., article_id=...)`` returns a ``DateMention`` per expression;
build a finder once with :func:`load_date_finder` and pass it as ``finder=`` when analysing
many articles. :class:`~sitroom.dates.timex.DatesTimexTagger` is the evaluation adapter.

How it works. A grammar of regular expressions built from ``sitroom/data/dates_lexicon.json``
and ``dates_periods.json`` proposes candidate spans (the rules run only on windows around
figures and trigger words such as month names and units; every pattern is linear); the
longest candidate that the parsed sentence does not contradict wins; its parts, the
publication date and the tense of its clause give the value and the dates.
spaCy DATE/TIME entities the grammar does not cover and that name a month or weekday go to
dateparser (``RELATIVE_BASE`` = publication date), at most 40 new texts per document, cached.

Spans follow TimeML (TIMEX3) extents: signals such as "on", "in", "since", "for" are left out
("on Sunday" gives "Sunday", "since early this year" gives "early this year", "for months"
gives "months"); determiners and modifiers are kept ("the past week", "the mid-2000s",
"nearly five months"). An expression never crosses a line break.

Values are TimeML: ``2014-06-15``, ``2014-W24``, ``2014-W24-WE``, ``2014-06``, ``2014-Q2``,
``2014-H1``, ``2014-SU``, ``2014``, ``201`` (a decade), ``20`` (a century), times
``2014-06-16T08:30Z`` and ``2014-06-16TNI``, durations ``P3D``, ``PT2H``, ``P2.5Y``, ``PXM``
(vague), sets ``P1W`` ("weekly", "twice a week"), ``XXXX-WXX-7`` ("every Sunday"), and
``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``. A part ("early this year", "mid-June") keeps the
whole period's value, as TimeML puts the part in its ``mod`` attribute; the dates bound the part.

Dates and precision. ``start_date``/``end_date`` bound the period meant; ``precision`` is the
coarsest grain the period needs: ``day`` (one day), ``week`` (up to 7 days), ``month`` (up to
31 days), else ``year`` (so "early this year", January to April, is ``year``; a quarter too).
Durations, sets and vague references ("recently", "the future") get a value but no dates and
precision ``unresolved``; so does every relative expression when the publication date is
unknown (``published=None``): then "yesterday" and "last week" have value None, "Sunday"
``XXXX-WXX-7``, "June 10" ``XXXX-06-10``; absolute dates ("10 June 2014", "1979", "the
mid-2000s") still resolve. Today's date is never used.

Resolution rules, publication date P:
- "today", "yesterday", "tomorrow", "tonight", "last night", "this morning": P and its
  neighbours (times of day as ``TMO``/``TAF``/``TEV``/``TNI``).
- Weekdays: "last Sunday" is the latest Sunday before P, "next Sunday" the first after P.
  A bare "Sunday"/"on Sunday" is the latest Sunday on or before P (P itself if a Sunday) in
  past, perfect, present or tenseless clauses, and the first on or after P in future clauses
  ("will meet on Sunday", "is expected on Sunday", "closed until Sunday"). News tells past
  events in the present ("Police are investigating a shooting Saturday"; headlines), so the
  present counts as past; in 600 crime reports that rule was right where the other was wrong.
  "this Sunday" is the next one unless the clause is past.
- The tense comes from the dependency parse: the verb governing the expression, its
  auxiliaries ("will", "has") and its head ("expected to", "plans to", "is going to");
  the lexicon lists the future auxiliaries and heads.
- Weeks are ISO weeks (Monday to Sunday): "last week" is P's ISO week minus one, "this
  week" P's, "the weekend" the latest Saturday-Sunday (the coming one in future clauses).
- "last month", "this year", "next year", "last quarter": calendar units around P.
- Month names, days without a year ("June 10"), quarters, seasons and holidays take the year
  that fits the tense: past clauses the latest one that has started by P, future clauses the
  earliest one not over by P, other clauses the one holding P or else the nearest. So "in
  June" published in June is this June, "in January" is last January in past clauses and next
  January in future ones; "last September" is the latest September over before P's month.
  A holiday falls on a fixed date (Christmas Day) or on the nth weekday of its month
  (Thanksgiving Day, the fourth Thursday of November), as the lexicon says.
- "the past week", "the past nine days", "the last year", "the next six months": anchored
  durations, valued ``P1W`` etc., dated P minus the length (plus one day) to P, or P to P
  plus the length; "the last quarter" is the previous calendar quarter.
- "in recent days/weeks/months/years", "the past few days", "the coming weeks": ``PAST_REF``
  (or ``PXD``, ``FUTURE_REF``) with a window from ``dates_periods.json`` (7 days, 4 weeks,
  6 months, 5 years), ending (or starting) at P.
- "two weeks ago" is P minus two weeks (a day); "a year ago" the year before P's; "20 years
  ago" 1994 for P in 2014.
- Parts of periods ("early", "mid-", "late", "the beginning/end of", "the first half of") keep
  the sub-units listed in ``dates_periods.json``: early in a year is January to April, mid
  May to August, late September to December; in a month days 1-10, 11-20, 21-end; in a decade
  years 0-3, 3-7, 7-9 ("the mid-2000s": 2003-2007). "earlier this year" runs from January 1
  to P, "later this year" from P to December 31.
- Two-digit years ("'82", "the '90s") take the latest century not more than a year after P.
- A time of day takes the day named next to it ("12:00 UTC Monday") or else the nearest day
  named in its sentence, or else P; ``Z`` is written for UTC and GMT.

Not dates: lower-case "may"/"march" and a capitalised "May"/"March" with no number, modifier
or licensing word before it ("May I"); month and weekday names followed by a capitalised
word mid-sentence ("the Tuesday Group", "April Glaspie") or inside a longer named entity;
listed names ("the Sunday Times", "Black Monday", "Arab Spring"); seasons with no
determiner or preposition, and "fall" without one; ordinals ("a second attack"); a number
before a plural noun ("2000 troops"), after a counting word ("some 1900 soldiers") or a label
("Resolution 2170"), or before an address word ("the 1700 block"); ages ("in his 90s", "a
5-year-old", "20 years old"); holidays used as adjectives ("the Christmas market"); a bare
clock time ("2:07") with no am/pm, zone, day or preposition ("at") next to it.
"""

from sitroom.dates.finder import (
    DateFinder,
    Timex,
    find_dates,
    find_dates_in_text,
    load_date_finder,
)

__all__ = ["DateFinder", "Timex", "find_dates", "find_dates_in_text", "load_date_finder"]

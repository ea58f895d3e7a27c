"""The GVA incident reader on short reports of its own (not evaluation text)."""

from __future__ import annotations

import pytest

from sitroom.dates import load_date_finder
from sitroom.evaluate.system import DocumentText
from sitroom.events.incidents import GvaIncidentReader
from sitroom.nlp import build_pipeline, load_model
from sitroom.places import Gazetteer


@pytest.fixture(scope="session")
def reader() -> GvaIncidentReader:
    """The reader with the full pipeline (places component included), built once."""
    gazetteer = Gazetteer.open()
    nlp = build_pipeline(load_model(), gazetteer=gazetteer)
    return GvaIncidentReader(nlp, gazetteer, load_date_finder())


def doc(
    text: str, *, title: str, published: str = "2015-03-09", doc_id: str = "d1",
    url: str | None = None,
) -> DocumentText:
    return DocumentText(doc_id, text, title=title, published=published, url=url)


def test_killed_injured_date_place(reader: GvaIncidentReader) -> None:
    p = reader.read_incident([
        doc("DENVER, Colo. - Two people were killed and three others were injured in a shooting "
            "Saturday night outside a bar in Denver, police said.",
            title="2 dead in Denver bar shooting"),
    ])
    assert (p.killed, p.injured) == (2, 3)
    assert p.date == "2015-03-07"
    assert p.state == "Colorado"
    assert p.lat is not None
    assert p.lon is not None


def test_shot_minus_killed_gives_injured(reader: GvaIncidentReader) -> None:
    p = reader.read_incident([
        doc("Four people were shot, one fatally, early Sunday in Tulsa.",
            title="Four shot in Tulsa"),
    ])
    assert (p.killed, p.injured) == (1, 3)


def test_no_date_in_text_gives_none(reader: GvaIncidentReader) -> None:
    p = reader.read_incident([doc("A man was shot in the leg in Tulsa.", title="Man shot")])
    assert p.date is None
    assert (p.killed, p.injured) == (0, 1)


def test_running_totals_are_not_the_incident(reader: GvaIncidentReader) -> None:
    p = reader.read_incident([
        doc("A man was shot and killed on Friday in Tulsa. So far this year 45 people have been "
            "killed in the city.", title="Man killed in Tulsa"),
    ])
    assert p.killed == 1


def test_documents_vote(reader: GvaIncidentReader) -> None:
    docs = [
        doc("Two people were killed in Tulsa on Friday.", title="Two killed", doc_id="a"),
        doc("Two people died in a shooting in Tulsa.", title="Shooting", doc_id="b"),
        doc("Three people were killed in Tulsa.", title="Update", doc_id="c"),
    ]
    assert reader.read_incident(docs).killed == 2


def test_a_tie_of_days_goes_to_the_day_the_incident_words_tell(
    reader: GvaIncidentReader,
) -> None:
    # The first report dates only the police statement; the second dates the shooting itself.
    statement = doc("Police in Tulsa said on Tuesday that a man had died of gunshot wounds.",
                    title="Man dies of wounds", published="2015-03-10", doc_id="a")
    shooting = doc("A man was shot on Sunday night in Tulsa and later died.",
                   title="Tulsa man shot", published="2015-03-11", doc_id="b")
    facts = [reader.read_document(d) for d in (statement, shooting)]
    assert [(f.date, f.date_told) for f in facts] == [
        ("2015-03-10", False), ("2015-03-08", True)]
    assert reader.read_incident([statement, shooting]).date == "2015-03-08"


def test_past_a_lead_of_page_furniture_only_the_incident_words_date_it(
    reader: GvaIncidentReader,
) -> None:
    furniture = " ".join(f"Read story number {n} on our site." for n in range(1, 13))
    told = doc(f"{furniture} A man was shot on Saturday in Tulsa.", title="Man shot in Tulsa")
    assert reader.read_incident([told]).date == "2015-03-07"
    # Past the lead, a day that dates something else is no answer.
    other = doc(f"{furniture} A man was shot in Tulsa. Police said on Saturday they had a suspect.",
                title="Man shot in Tulsa")
    assert reader.read_incident([other]).date is None


def test_past_the_lead_the_incident_words_beat_the_leads_fallback(
    reader: GvaIncidentReader,
) -> None:
    furniture = " ".join(f"Read story number {n} on our site." for n in range(1, 12))
    p = reader.read_incident([doc(
        f"Watch our newscast on Monday. {furniture} A man was shot on Saturday in Tulsa.",
        title="Man shot in Tulsa")])
    assert p.date == "2015-03-07"


def test_a_death_past_the_lead_does_not_beat_the_leads_day(reader: GvaIncidentReader) -> None:
    filler = " ".join(f"Neighbours spoke of the victim at length, part {n}." for n in range(1, 11))
    p = reader.read_incident([doc(
        f"Officers were called to a shooting at 12:05 a.m. Friday in Tulsa. {filler} The girl "
        "died early Saturday at a hospital.", title="Girl shot in Tulsa", published="2015-03-14")])
    assert p.date == "2015-03-13"


def test_a_condition_names_only_some_of_the_wounded(reader: GvaIncidentReader) -> None:
    p = reader.read_incident([
        doc("Four men were shot outside a bar in Tulsa on Sunday. One man is in critical "
            "condition, police said.", title="Four shot outside Tulsa bar"),
    ])
    assert (p.killed, p.injured) == (0, 4)


def test_totals_over_separate_shootings_are_not_the_incident(reader: GvaIncidentReader) -> None:
    p = reader.read_incident([
        doc("Nine people were wounded in separate shootings across the city over the weekend. "
            "In one of them, two men were wounded outside a store in Tulsa on Saturday.",
            title="Weekend violence in Tulsa"),
    ])
    assert p.injured == 2


def test_a_victim_who_died_later_is_counted_once(reader: GvaIncidentReader) -> None:
    early = doc("A teenager was shot in the chest in Tulsa on Friday night and is in critical "
                "condition.", title="Teen shot in Tulsa", published="2015-03-07", doc_id="d1")
    later = doc("The teenager died in hospital on Sunday, two days after the shooting in Tulsa.",
                title="Tulsa teen dies", published="2015-03-09", doc_id="d2")
    silent = doc("A vigil was held in Tulsa for the teenager on Monday.",
                 title="Vigil in Tulsa", published="2015-03-10", doc_id="d3")
    p = reader.read_incident([early, later, silent])
    assert (p.killed, p.injured) == (1, 0)


def test_a_big_city_by_its_common_other_name_or_by_a_part_of_it(
    reader: GvaIncidentReader,
) -> None:
    p = reader.read_incident([
        doc("Three people were shot outside a bar on Sunday.", title="Three shot in Philly")
    ])
    assert (p.city, p.state) == ("Philadelphia", "Pennsylvania")
    q = reader.read_incident([
        doc("A man was shot in Southwest Baltimore on Sunday.", title="Man shot")
    ])
    assert (q.city, q.state) == ("Baltimore", "Maryland")


def test_time_stamps_and_bare_clock_times_are_no_incident_dates(
    reader: GvaIncidentReader,
) -> None:
    p = reader.read_incident([
        doc("Posted: Monday, March 9, 2015 5:29 PM EDT\n\nA man was shot at 10:20 p.m. in Tulsa.",
            title="Man shot"),
    ])
    assert p.date is None
    q = reader.read_incident([
        doc("Posted: Monday, March 9, 2015 5:29 PM EDT\n\nA man was shot at 10:20 p.m. Saturday "
            "in Tulsa.", title="Man shot"),
    ])
    assert q.date == "2015-03-07"
    r = reader.read_incident([
        doc("A man was shot shortly before midnight in Tulsa.", title="Man shot"),
    ])
    assert r.date is None


def test_a_morning_clock_time_alone_is_the_publication_day(reader: GvaIncidentReader) -> None:
    for text in ("A man was shot at about 2:15 a.m. in Tulsa.",
                 "A man was shot shortly after midnight in Tulsa."):
        assert reader.read_incident([doc(text, title="Man shot")]).date == "2015-03-09"
    # A page's time stamp is no clock time of the incident.
    stamped = doc("Updated: 6:07 AM\n\nA man was shot in Tulsa.", title="Man shot")
    assert reader.read_incident([stamped]).date is None
    # A day in the text beats the clock time.
    dated = doc("A man was shot Saturday in Tulsa. Police arrived at 2:15 a.m.", title="Man shot")
    assert reader.read_incident([dated]).date == "2015-03-07"
    # A clock time takes its sentence's day: one after publication is no publication day.
    later = doc("A man was shot at about 2:15 a.m. in Tulsa and will be arraigned Thursday.",
                title="Man shot")
    assert reader.read_incident([later]).date is None


def test_a_clock_time_with_a_zone_is_still_a_clock_time_alone(reader: GvaIncidentReader) -> None:
    evening = doc("A man was shot at 10:20 p.m. CST in Tulsa.", title="Man shot")
    assert reader.read_document(evening).date is None
    morning = reader.read_document(doc("A man was shot at 2:15 a.m. EST in Tulsa.",
                                       title="Man shot"))
    assert (morning.date, morning.date_told) == ("2015-03-09", False)


def test_the_shooting_comes_before_what_is_reported_of_it(reader: GvaIncidentReader) -> None:
    p = reader.read_incident([
        doc("Police on Monday named the man who was shot and killed Saturday night in Tulsa.",
            title="Police name man killed in Tulsa"),
    ])
    assert p.date == "2015-03-07"


def test_the_day_the_shooting_words_govern_beats_the_day_of_the_report(
    reader: GvaIncidentReader,
) -> None:
    p = reader.read_incident([
        doc("Two men were killed in Tulsa, police said Sunday. Shots were fired just before "
            "10 p.m. Saturday outside a bar.", title="Two killed in Tulsa"),
    ])
    assert p.date == "2015-03-07"


def test_a_day_of_what_followed_dates_the_incident_only_when_alone(
    reader: GvaIncidentReader,
) -> None:
    p = reader.read_incident([
        doc("A teenager accused of wounding two men in Tulsa was arrested Sunday. The two were "
            "hurt on Friday, court records show.", title="Teen arrested"),
    ])
    assert p.date == "2015-03-06"
    q = reader.read_incident([
        doc("A teenager accused of wounding two men in Tulsa was arrested Sunday.",
            title="Teen arrested"),
    ])
    assert q.date == "2015-03-08"


def test_the_shooting_day_beats_the_day_the_victim_died(reader: GvaIncidentReader) -> None:
    p = reader.read_incident([
        doc("A girl died Sunday of a gunshot wound she suffered when she was shot on Friday in "
            "Tulsa.", title="Girl dies"),
    ])
    assert p.date == "2015-03-06"


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        pytest.param(
            "A boy was shot Tuesday morning in Tulsa, police said. Police are also investigating "
            "a shooting on Sunday night that left a man wounded.", "2015-03-10", "2015-03-10",
            id="a later sentence of the lead tells another shooting"),
        pytest.param(
            "A Tulsa man was killed Sunday, two days after he was shot Friday at a bar.",
            "2015-03-09", "2015-03-06", id="an earlier day of the first told sentence"),
        pytest.param(
            "A Tulsa woman died Tuesday afternoon at a hospital. She was one of four people shot "
            "at a house party on Monday night.", "2015-03-11", "2015-03-09",
            id="the shooting's day beats a death's day told first"),
    ],
)
def test_which_told_day_is_the_incidents(
    reader: GvaIncidentReader, text: str, published: str, day: str,
) -> None:
    p = reader.read_incident([doc(text, title="Shooting in Tulsa", published=published)])
    assert p.date == day


def test_a_town_name_starting_with_a_common_word_is_read_whole(
    reader: GvaIncidentReader,
) -> None:
    text = "When police arrived, New Haven police and Grand Rapids police were there."
    towns = reader.places.police_towns(text, 0, len(text), article_id="a")
    assert [t.text for t in towns] == ["New Haven", "Grand Rapids"]


def test_a_street_is_no_town(reader: GvaIncidentReader) -> None:
    p = reader.read_incident([
        doc("A man was shot on Friday in the 1900 block of Dover. Tulsa police are looking for "
            "the gunman.", title="Man shot"),
    ])
    assert p.city == "Tulsa"


def test_the_outlet_address_picks_among_towns_of_one_name(reader: GvaIncidentReader) -> None:
    text = "A woman was shot on Friday outside a store in Warren, police said."
    archived = "http://web.archive.org/web/20150310000000/http://www.detroitnews.com/news/x"
    p = reader.read_incident([doc(text, title="Woman shot", url=archived)])
    assert (p.city, p.state) == ("Warren", "Michigan")
    q = reader.read_incident([doc(text, title="Woman shot", url="http://www.cleveland.com/x")])
    assert (q.city, q.state) == ("Warren", "Ohio")


def test_a_holiday_dates_the_incident(reader: GvaIncidentReader) -> None:
    p = reader.read_incident([
        doc("A girl was accidentally shot on New Year's Eve near a bonfire, deputies said.",
            title="Girl shot on New Year's Eve", published="2017-01-03"),
    ])
    assert p.date == "2016-12-31"


def test_a_hyphenated_town_before_police(reader: GvaIncidentReader) -> None:
    p = reader.read_incident([
        doc("A teenager was hurt after a gun went off Thursday, Winston-Salem police said.",
            title="Teen hurt"),
    ])
    assert p.city == "Winston-Salem"


def test_a_verb_whose_subject_is_the_shooting_dates_it(reader: GvaIncidentReader) -> None:
    p = reader.read_incident([
        doc("A man wanted in a shooting at a party turned himself in to police Wednesday, "
            "officials said.\n\nThe shooting was reported on Elm Street Tuesday afternoon.",
            title="Four people shot at party", published="2015-03-12"),
    ])
    assert p.date == "2015-03-10"


def test_a_street_named_like_a_town_is_no_town(reader: GvaIncidentReader) -> None:
    p = reader.read_incident([
        doc("A man was shot Tuesday night on Mohawk St. near the park, Savannah police said.",
            title="Man shot on Mohawk St."),
    ])
    assert p.city == "Savannah"


def test_the_most_precise_place_wins_the_vote(reader: GvaIncidentReader) -> None:
    p = reader.read_incident([
        doc("A teenager was killed by an 11-year-old in Georgia on Tuesday, the family said.",
            title="Teen killed", published="2016-12-08", doc_id="d1"),
        doc("MABLETON, Ga. (AP) — A man and his stepson were charged in the death of a teenage "
            "girl on Tuesday.", title="Two charged", published="2016-12-21", doc_id="d2"),
    ])
    assert (p.city, p.state) == ("Mableton", "Georgia")


def test_a_name_after_in_is_a_town_when_the_lead_gives_no_other(
    reader: GvaIncidentReader,
) -> None:
    # As if the parser had read "Seminole" as no place (it may read a product or a tribe).
    text = "A boy was shot at a home in Seminole on Friday, Pinellas County deputies said."
    place = reader.places.choose(text, [], None, body_start=0, article_id="a")
    assert place is not None
    assert place.entry is not None
    assert (place.text, place.entry.admin1) == ("Seminole", "Florida")
    assert text[place.start : place.end] == "Seminole"
    # A headline over a subscription page is read too.
    page = "Five dead at a cabin outside Deer Lodge.\n\nSubscribe now to keep reading."
    place = reader.places.choose(page, [], None, body_start=41, article_id="a")
    assert place is not None
    assert place.entry is not None
    assert (place.text, place.entry.admin1) == ("Deer Lodge", "Montana")
    # Where the lead gives a town, a name after "in" does not displace it.
    tulsa = reader.places.police_towns("Tulsa police said a boy was shot in Seminole.", 0, 46,
                                       article_id="b")
    chosen = reader.places.choose(
        "Tulsa police said a boy was shot in Seminole.", tulsa, None, body_start=0,
        article_id="b")
    assert chosen is not None
    assert chosen.text == "Tulsa"


def test_an_unread_town_in_the_named_state_beats_a_town_elsewhere(
    reader: GvaIncidentReader,
) -> None:
    from sitroom.records import PlaceMention

    text = "Kentucky troopers said a boy was shot near Paducah. His uncle lives in Logan."
    kentucky = next(c.entry for c in reader.gazetteer.lookup("Kentucky")
                    if c.entry.feature == "province" and c.entry.country == "USA")
    logan = next(c.entry for c in reader.gazetteer.lookup("Logan")
                 if c.entry.admin1 == "Utah")
    at = text.index("Logan")
    places = [PlaceMention("a", 0, 8, "Kentucky", kentucky, 0.7),
              PlaceMention("a", at, at + 5, "Logan", logan, 0.3)]
    chosen = reader.places.choose(text, places, None, body_start=0, article_id="a")
    assert chosen is not None
    assert chosen.entry is not None
    assert (chosen.text, chosen.entry.admin1) == ("Paducah", "Kentucky")


# Reports whose incident place one rule decides: each case is named after its rule.
PLACE_CASES = [
    pytest.param(
        doc("SHELBY, N.C. (WXYZ) — A teen was wounded on Friday near his home.",
            title="Teen wounded - WXYZ News 9 - Columbus"),
        ("Shelby", "North Carolina"),
        id="the-dateline-and-its-state-give-the-town",
    ),
    pytest.param(
        doc("LAKEWOOD, WA - A woman was shot Tuesday.", title="Woman shot"),
        ("Lakewood", "Washington"),
        id="a-postal-code-in-the-dateline-names-the-state",
    ),
    pytest.param(
        doc("Two men were shot at a party in the Austin neighborhood on Sunday, Chicago police "
            "said.", title="Two shot at party"),
        ("Chicago", "Illinois"),
        id="a-neighbourhood-is-no-town",
    ),
    pytest.param(
        doc("A woman was shot on Sunday in Faribault. Police in the Faribault area are looking "
            "for a gray van.", title="Woman shot"),
        ("Faribault", "Minnesota"),
        id="the-area-of-a-town-is-the-town",
    ),
    pytest.param(
        doc("A man was shot Sunday in Richmond County, Georgia, deputies said.",
            title="Man shot"),
        (None, "Georgia"),
        id="a-county-is-no-town-and-the-state-is-read",
    ),
    pytest.param(
        doc("INDIANAPOLIS, Ind. (WXYZ) — Police in Kokomo are looking for a man who shot two "
            "people on Friday.", title="Two shot at Kokomo bar"),
        ("Kokomo", "Indiana"),
        id="a-headline-town-in-the-named-state-beats-the-station-town",
    ),
    pytest.param(
        doc("A man was shot on Friday in Lubbock. His family moved there from California last "
            "year.", title="Man shot"),
        ("Lubbock", "Texas"),
        id="a-state-named-in-passing-does-not-overrule-the-town",
    ),
    pytest.param(
        doc("Meridian police said a boy was shot on Friday at an apartment complex in "
            "Mississippi.", title="Boy shot"),
        ("Meridian", "Mississippi"),
        id="the-police-force-names-its-town",
    ),
    pytest.param(
        doc("A toddler in Louisiana died on Friday after finding a gun at home.",
            title="Toddler dies"),
        (None, "Louisiana"),
        id="a-state-name-is-no-small-town",
    ),
    pytest.param(
        doc("Four men were wounded Friday in the Austin neighborhood, Chicago police said.",
            title="Four wounded in Austin"),
        ("Chicago", "Illinois"),
        id="a-neighbourhood-once-named-so-is-one-in-the-headline",
    ),
    pytest.param(
        doc("A man was shot on Friday outside a store in Warren, police said.",
            title="Man shot in Warren - KXYZ News for Youngstown, Ohio"),
        ("Warren", "Ohio"),
        id="the-outlet-state-picks-among-towns-of-one-name",
    ),
    pytest.param(
        doc("A Woodville man died Sunday after he was shot in the chest, the Tyler County "
            "Sheriff's Office said.", title="Woodville man dies after shooting"),
        ("Woodville", "Texas"),
        id="a-county-the-lead-names-steers-the-town",
    ),
    pytest.param(
        doc("Deputies with the Raleigh County Sheriff's Office said a man was shot on Monday "
            "in Beckley.", title="Man shot"),
        ("Beckley", "West Virginia"),
        id="a-name-before-county-is-no-town",
    ),
    pytest.param(
        doc("The child was taken to a hospital after the shooting on Saturday, police said.",
            title="Killeen toddler dies from gunshot wound"),
        ("Killeen", "Texas"),
        id="a-town-before-a-resident-word-is-a-town",
    ),
    pytest.param(
        doc("TYLER COUNTY (KXYZ) – A Woodville man was shot Sunday, deputies said.",
            title="Man shot"),
        ("Woodville", "Texas"),
        id="a-county-in-capitals-or-after-an-article-steers-the-town",
    ),
    pytest.param(
        doc("ALTURAS, Modoc County (KXYZ 5) — A woman opened fire at a meeting near the Oregon "
            "border on Thursday, killing four people.", title="Four killed at meeting"),
        ("Alturas", "California"),
        id="a-county-after-the-dateline-town-is-no-state",
    ),
    pytest.param(
        doc("A man back from a trip to Colorado was shot in Aurora, Ill., on Friday, police "
            "said.", title="Man shot"),
        ("Aurora", "Illinois"),
        id="a-state-written-after-the-town-picks-it",
    ),
    # Both New Jersey and West Virginia have a Mercer County and a Princeton; the outlet's
    # home (Beckley) is in West Virginia.
    pytest.param(
        doc("A man was shot and killed in Princeton on Monday, Mercer County deputies said.",
            title="Man killed in Princeton - Beckley, Bluefield News, Weather"),
        ("Princeton", "West Virginia"),
        id="the-outlet-picks-among-towns-in-states-of-the-named-county",
    ),
]


@pytest.mark.parametrize(("report", "place"), PLACE_CASES)
def test_the_incident_place(
    reader: GvaIncidentReader, report: DocumentText, place: tuple[str | None, str]
) -> None:
    p = reader.read_incident([report])
    assert (p.city, p.state) == place

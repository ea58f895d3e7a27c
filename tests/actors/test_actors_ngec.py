"""The NGEC reference adapter and the short-text helpers behind it."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from sitroom.actors import ActorDictionary, ActorReference, describe_actor
from sitroom.evaluate import evaluate
from sitroom.evaluate.system import EvalSystem

PASS_RATE_FLOOR = 0.45
"""The rate measured when the adapter was written was 0.54; this guards against regressions."""


@pytest.fixture(scope="module")
def adapter(dictionary: ActorDictionary, nlp: Language) -> ActorReference:
    return ActorReference(nlp, dictionary)


def test_supported_calls(adapter: ActorReference) -> None:
    assert adapter.supports("agent_to_code")
    assert adapter.supports("search_nat")
    assert not adapter.supports("geoparse_doc")


def test_search_nat(adapter: ActorReference) -> None:
    assert adapter.run("search_nat", ["a Syrian tank"]) == {"result0": "SYR", "result1": "tank"}
    assert adapter.run("search_nat", ["three Yemeni boats"]) == {
        "result0": "YEM",
        "result1": "three  boats",
    }


def test_short_text_to_agent(adapter: ActorReference) -> None:
    result = adapter.run("short_text_to_agent", ["Turkish soldiers"])["result"]
    assert result == {"code_1": "MIL", "code_2": None, "country": "TUR", "pattern": "soldier"}


def test_agent_to_code(adapter: ActorReference) -> None:
    putin = adapter.run("agent_to_code", ["Vladimir Putin", "", "2010-05-01"])["result"]
    assert isinstance(putin, dict)
    assert (putin["country"], putin["code_1"]) == ("RUS", "GOV")
    assert putin["actor_wiki_job"] == "Prime Minister of Russia"
    state = adapter.run("agent_to_code", ["Kenya"])["result"]
    assert isinstance(state, dict)
    assert (state["country"], state["code_1"], state["source"]) == ("KEN", None, "country only")
    un = adapter.run("agent_to_code", ["the UN Security Council"])["result"]
    assert isinstance(un, dict)
    assert un["country"] == "UNO"
    assert adapter.run("agent_to_code", [None]) == {"result": None}


def test_query_wiki(adapter: ActorReference) -> None:
    found = adapter.run("query_wiki", ["Daesh"])
    assert found["result"] == {"title": "Islamic State"}
    assert adapter.run("query_wiki", ["a tall tree"])["result"] is None


def test_describe_actor_dates(dictionary: ActorDictionary, nlp: Language) -> None:
    then = describe_actor("Nouri al-Maliki", dictionary, nlp, when="2012-03-01")
    later = describe_actor("Nouri al-Maliki", dictionary, nlp, when="2022-03-01")
    assert (then.sector, then.role) == ("GOV", "Prime Minister of Iraq")
    assert later.sector == "ELI"
    assert not describe_actor("", dictionary, nlp).found


def test_ngec_reference_cases_report_a_pass_rate(eval_dir: Path, adapter: ActorReference) -> None:
    report = evaluate(
        "ngec_actor_test_cases", data_dir=eval_dir, system=EvalSystem(actor_reference=adapter)
    )
    rate = report.metrics["pass_rate"]
    assert isinstance(rate, float)
    assert rate >= PASS_RATE_FLOOR

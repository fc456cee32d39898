from __future__ import annotations

import pytest

from waystation.exc import InputError
from waystation.sharing import HandlingMark, Tlp


def test_ranks_follow_tlp_2() -> None:
    assert [(t.value, t.rank) for t in Tlp] == [
        ("TLP:CLEAR", 0),
        ("TLP:GREEN", 1),
        ("TLP:AMBER", 2),
        ("TLP:AMBER+STRICT", 3),
        ("TLP:RED", 4),
    ]


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("TLP:AMBER", HandlingMark(Tlp.AMBER)),
        ("tlp:amber+strict orcon", HandlingMark(Tlp.AMBER_STRICT, orcon=True)),
        ("ORCON TLP:RED", HandlingMark(Tlp.RED, orcon=True)),
        ("green", HandlingMark(Tlp.GREEN)),
        ("TLP:WHITE", HandlingMark(Tlp.CLEAR)),
    ],
)
def test_parse(text: str, mark: HandlingMark) -> None:
    assert HandlingMark.parse(text) == mark


@pytest.mark.parametrize("text", ["TLP:BLUE", "", "TLP:AMBER TLP:RED"])
def test_parse_refuses(text: str) -> None:
    with pytest.raises(InputError, match=r"not a TLP 2\.0 mark"):
        HandlingMark.parse(text)


def test_strictness_order() -> None:
    amber_orcon = HandlingMark(Tlp.AMBER, orcon=True)
    assert HandlingMark(Tlp.RED, orcon=True).at_least(amber_orcon)
    assert not HandlingMark(Tlp.RED).at_least(amber_orcon)  # dropping ORCON loosens
    assert not HandlingMark(Tlp.GREEN, orcon=True).at_least(amber_orcon)
    assert str(amber_orcon) == "TLP:AMBER ORCON"

"""The boarding codes are the CUSRES ERC codes that real government responses carry."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import SAMPLES
from waystation.cases import BoardingAnswer


def _passenger_codes(path: Path) -> list[str]:
    """ERC codes of the passenger groups (ERP+2) of one CUSRES sample, in order."""
    segments = [s.strip() for s in path.read_text("latin-1").split('"') if s.strip()]
    codes: list[str] = []
    level = None
    for segment in segments:
        if segment.startswith("ERP+"):
            level = segment[4:]
        elif segment.startswith("ERC+") and level == "2":
            codes.append(segment[4:])
    return codes


def test_answers_carry_the_erc_codes_of_real_responses(samples_dir: Path) -> None:
    assert _passenger_codes(samples_dir / "cusres-astra-4.edi") == ["0Z", "1Z"]
    assert [BoardingAnswer(c) for c in _passenger_codes(samples_dir / "cusres-astra-4.edi")] == [
        BoardingAnswer.BOARD,
        BoardingAnswer.NO_BOARD,
    ]
    seen = {code for path in sorted(SAMPLES.glob("cusres-*.edi")) for code in _passenger_codes(path)}
    assert seen == {"0Z", "1Z"}  # the real samples answer only board / no-board per passenger
    assert seen <= {answer.value for answer in BoardingAnswer}


def test_codes_and_labels() -> None:
    assert [(a.value, a.label) for a in BoardingAnswer] == [
        ("0Z", "board"),
        ("1Z", "no_board"),
        ("2Z", "refer"),
        ("4Z", "insufficient_data"),
    ]
    assert re.fullmatch(r"\dZ", BoardingAnswer.REFER.value)

"""The one-pass path of the tokenizer gives exactly what the repairing scan gives, on every real
sample and on generated interchanges (it only handles input that needs no repair). The path is
chosen through ``_tokenize``, not by monkeypatching: the tokenizer is compiled by mypyc, whose
methods call each other directly."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from waystation.ingest.edifact import tokenize
from waystation.ingest.edifact.syntax import defaults_for
from waystation.ingest.edifact.tokenizer import Tokenized, _Scanner, _tokenize


def _both(data: bytes | str) -> tuple[Tokenized, Tokenized]:
    return _tokenize(data, "<input>", True), _tokenize(data, "<input>", False)


def test_real_samples_tokenize_the_same_on_both_paths(samples_dir: Path) -> None:
    compared = 0
    for path in sorted(samples_dir.iterdir()):
        if path.suffix not in (".txt", ".edi") or not path.is_file():
            continue
        data = path.read_bytes()
        try:
            fast, slow = _both(data)
        except Exception:
            with pytest.raises(Exception):  # noqa: B017, PT011
                _tokenize(data, "<input>", False)
            continue
        assert fast == slow, path.name
        compared += 1
    assert compared >= 40


def test_a_plain_interchange_takes_the_one_pass_path() -> None:
    text = "UNB+UNOA:4+CA+NIAC+190924:0810+1'\nUNH+1+PAXLST:D:05B:UN:IATA'NAD+FL+++DOE:JOHN'UNZ+1+1'tail"
    scanner = _Scanner(text, defaults_for(text, 0), "<input>")
    assert scanner._run_plain(0) == "tail"  # None: handed over to the repairing scan
    assert scanner.segments == list(tokenize(text).segments)
    tokens = tokenize(text)
    assert [s.tag for s in tokens.segments] == ["UNB", "UNH", "NAD", "UNZ"]
    assert tokens.segments[2].elements == (("FL",), ("",), ("",), ("DOE", "JOHN"))
    assert tokens.segments[2].line == 2
    assert tokens.segments[2].position == 3
    assert tokens.trailer == "tail"


_VALUE = st.text(alphabet="AB1 ?:+'*\n\u2019", max_size=6)
_SEGMENT = st.builds(
    lambda tag, values: tag + "".join("+" + v for v in values),
    st.sampled_from(["NAD", "DOC", "DTM", "RPI", "XYZ", "UNH"]),
    st.lists(_VALUE, max_size=5),
)


@given(st.lists(_SEGMENT, max_size=6), st.sampled_from(["'", "'\n", "'\r\n  "]), st.booleans())
def test_generated_interchanges_tokenize_the_same_on_both_paths(
    segments: list[str], end: str, closed: bool
) -> None:
    text = "UNB+UNOA:4+A+B+190924:0810+1'" + "".join(s + end for s in segments)
    if closed:
        text += "UNZ+1+1'"
    fast, slow = _both(text)
    assert fast == slow

"""Property: any single tampering with a random log is detected, at the position it happened."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from waystation.cases import AuditRecord, ChainHead, ChainProblem, seal_all, sign_head, verify_chain
from waystation.cases.events import Search, TravellerRead

KEY = b"0123456789abcdef0123456789abcdef"
T0 = datetime(2025, 1, 1, tzinfo=UTC)
text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)


@st.composite
def logs(draw: st.DrawFn) -> list[AuditRecord]:
    size = draw(st.integers(1, 10))
    entries = []
    for index in range(size):
        if draw(st.booleans()):
            event: Search | TravellerRead = Search(draw(text), draw(text), draw(st.integers(0, 10**6)))
        else:
            event = TravellerRead(draw(text), draw(text), tuple(draw(st.lists(text, max_size=3))))
        actor = draw(st.sampled_from(["amira", "boris", "sofia", "system"]))
        entries.append((event, actor, "analyst", T0 + timedelta(seconds=index * 7)))
    return seal_all(entries)


def _edit(record: AuditRecord, field: str, salt: str) -> AuditRecord:
    if field == "payload":
        return dataclasses.replace(record, payload={**record.payload, "tampered": salt})
    if field == "at":
        return dataclasses.replace(record, at=record.at + timedelta(microseconds=1))
    if field == "sequence":
        return dataclasses.replace(record, sequence=record.sequence + 1000)
    if field == "event_type":
        other = "search" if record.event_type == "traveller_read" else "traveller_read"
        return dataclasses.replace(record, event_type=other)  # type: ignore[arg-type]
    value = getattr(record, field)
    return dataclasses.replace(record, **{field: value + salt})


FIELDS = ["payload", "at", "sequence", "event_type", "actor", "role", "previous_hash", "hash"]


@settings(max_examples=400, deadline=None)
@given(logs(), st.data())
def test_every_single_tampering_is_detected_where_it_happened(
    records: list[AuditRecord], data: st.DataObject
) -> None:
    n = len(records)
    head = sign_head(ChainHead.of(records), KEY, T0 + timedelta(days=1))
    assert verify_chain(records, [head], key=KEY).ok
    kinds = ["edit", "rewrite", "delete", "truncate"] + (["swap"] if n > 1 else [])
    kind = data.draw(st.sampled_from(kinds))
    tampered = list(records)
    if kind == "edit":
        i = data.draw(st.integers(0, n - 1))
        tampered[i] = _edit(records[i], data.draw(st.sampled_from(FIELDS)), "x")
        expected = (ChainProblem.EDITED, i + 1)
    elif kind == "rewrite":
        i = data.draw(st.integers(0, n - 1))
        changed = _edit(records[i], data.draw(st.sampled_from(["payload", "actor", "role", "at"])), "y")
        tampered[i] = dataclasses.replace(changed, hash=changed.computed_hash())
        expected = (ChainProblem.REWRITTEN, i + 1)
    elif kind == "delete":
        i = data.draw(st.integers(0, n - 1))
        del tampered[i]
        expected = (ChainProblem.TRUNCATED if i == n - 1 else ChainProblem.DELETED, i + 1)
    elif kind == "truncate":
        k = data.draw(st.integers(1, n))
        tampered = tampered[: n - k]
        expected = (ChainProblem.TRUNCATED, n - k + 1)
    else:
        i = data.draw(st.integers(0, n - 2))
        j = data.draw(st.integers(i + 1, n - 1))
        tampered[i], tampered[j] = tampered[j], tampered[i]
        expected = (ChainProblem.REORDERED, i + 1)
    verdict = verify_chain(tampered, [head], key=KEY)
    assert not verdict.ok
    assert (verdict.problem, verdict.position) == expected, verdict.detail

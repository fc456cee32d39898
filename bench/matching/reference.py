"""nomenklatura's logic-v2 on the same candidates, as a side-by-side reference (bench-only).

Each list entry becomes a FollowTheMoney Person (all names, birth dates, nationalities, document
numbers, gender) and each traveller a Person query; logic-v2 scores the pairs that waystation's
index proposed for that traveller (the same candidates, so only the scorers differ). Install with
``pip install -e '.[bench]'``; without nomenklatura this module reports that it is missing.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from waystation.model import ListEntry, Traveller

__all__ = ["LogicV2", "available"]


def available() -> bool:
    try:
        import nomenklatura.matching  # noqa: F401
    except ImportError:
        return False
    return True


class LogicV2:
    """logic-v2 with its default configuration; alerts at yente's default threshold (0.70)."""

    threshold = 0.7

    def __init__(self, entries: Sequence[ListEntry]) -> None:
        from followthemoney import model
        from nomenklatura.matching import get_algorithm

        self._model = model
        self._algo = get_algorithm("logic-v2")
        assert self._algo is not None
        self._config = self._algo.default_config()
        self._entities = [self._entry(e) for e in entries]
        self.pairs = 0
        self.seconds = 0.0

    def _entry(self, entry: ListEntry) -> Any:
        proxy = self._model.make_entity("Person")
        proxy.id = entry.entry_id
        for name in entry.names:
            proxy.add("name", name.full)
        for date in entry.birth_dates:
            if date.earliest.year:
                proxy.add("birthDate", date.earliest.iso())
        for country in entry.nationalities:
            proxy.add("nationality", country.lower())
        for document in entry.documents:
            proxy.add("passportNumber" if document.kind == "passport" else "idNumber", document.number)
        if entry.gender is not None:
            proxy.add("gender", {"M": "male", "F": "female"}.get(entry.gender.value))
        return proxy

    def _query(self, traveller: Traveller) -> Any:
        proxy = self._model.make_entity("Person")
        proxy.id = f"q-{traveller.ref}"
        proxy.add("name", traveller.name.full)
        if traveller.birth_date:
            proxy.add("birthDate", traveller.birth_date.iso())
        for country in traveller.nationalities:
            proxy.add("nationality", country.lower())
        for document in traveller.documents:
            proxy.add("passportNumber", document.number)
        if traveller.sex is not None and traveller.sex.value in "MF":
            proxy.add("gender", {"M": "male", "F": "female"}[traveller.sex.value])
        return proxy

    def score(self, traveller: Traveller, candidates: Sequence[int]) -> list[tuple[str, float]]:
        """(entry id, score) for the candidate entries (by index into the entries given)."""
        query = self._query(traveller)
        started = time.perf_counter()
        out = []
        for number in candidates:
            result = self._algo.compare(query, self._entities[number], self._config)
            out.append((self._entities[number].id, float(result.score)))
        self.seconds += time.perf_counter() - started
        self.pairs += len(candidates)
        return sorted(out, key=lambda item: -item[1])

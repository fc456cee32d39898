"""What a carrier is told about a traveller: board, no-board, refer or insufficient data.

The answer is a pure function of the traveller's alerts (with their folded review state) and a
:class:`CarrierPolicy` that a supervisor configured. The safeguards, in order:

1. A human decision always wins over the machine: a ``FALSE_POSITIVE`` clears the alert, a
   ``TRUE_MATCH`` gives the policy's ``on_true_match`` (``DENY`` → no-board, or ``REFER``), an
   ``INCONCLUSIVE`` gives ``on_inconclusive`` (board or refer).
2. An alert no human has decided never yields no-board by score alone — unless the policy names
   that very watchlist in :attr:`CarrierPolicy.auto_deny` with a threshold and the score reaches
   it. Rule and network alerts never deny automatically. Otherwise an undecided alert gives
   ``on_open_alert``, which may only be board or refer.
3. Across the traveller's alerts the strictest answer wins:
   no-board > insufficient data > refer > board. Insufficient data outranks refer because the
   carrier can fix it (send the document) and the traveller is then screened properly.

The :class:`BoardingDecision` keeps the basis and the alerts behind the answer for the audit log
and the analyst; the carrier gets :meth:`BoardingDecision.for_carrier` — the code alone, with no
score, list, rule or reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from waystation.cases.vocab import AlertKind, AlertStatus, BoardingAnswer, Disposition
from waystation.cases.workflow import AlertState, may_act_adversely
from waystation.exc import ConfigError, Conflict

__all__ = [
    "AnswerBasis",
    "AutoDeny",
    "BoardingDecision",
    "CarrierPolicy",
    "OnTrueMatch",
    "carrier_answer",
    "decide_boarding",
]


class OnTrueMatch(StrEnum):
    """What a human-confirmed match means for boarding."""

    DENY = "deny"
    REFER = "refer"


class AnswerBasis(StrEnum):
    """Why the answer is what it is (for the audit log and the analyst; never for the carrier)."""

    NO_ALERTS = "no_alerts"
    CLEARED = "cleared"
    OPEN_ALERT = "open_alert"
    INCONCLUSIVE = "inconclusive"
    HUMAN_TRUE_MATCH = "human_true_match"
    AUTO_DENY = "auto_deny"
    INSUFFICIENT_DATA = "insufficient_data"


@dataclass(frozen=True, slots=True)
class AutoDeny:
    """A supervisor's standing instruction: a score on ``list_name`` ≥ ``threshold`` means no-board."""

    list_name: str
    threshold: float


@dataclass(frozen=True, slots=True)
class CarrierPolicy:
    """The supervisor-configured answer policy; check it with :meth:`problems` before use."""

    version: str
    configured_by: str
    configured_at: datetime
    on_open_alert: BoardingAnswer = BoardingAnswer.REFER
    on_inconclusive: BoardingAnswer = BoardingAnswer.REFER
    on_true_match: OnTrueMatch = OnTrueMatch.REFER
    auto_deny: tuple[AutoDeny, ...] = ()

    def problems(self) -> list[str]:
        """Every configuration problem at once (empty when the policy is usable)."""
        found: list[str] = []
        if not self.version.strip():
            found.append("the policy needs a version")
        if not self.configured_by.strip():
            found.append("the policy must name the supervisor who configured it")
        if self.configured_at.tzinfo is None:
            found.append("configured_at must be timezone-aware")
        mild = (BoardingAnswer.BOARD, BoardingAnswer.REFER)
        if self.on_open_alert not in mild:
            found.append(f"on_open_alert must be board or refer, not {self.on_open_alert.label}")
        if self.on_inconclusive not in mild:
            found.append(f"on_inconclusive must be board or refer, not {self.on_inconclusive.label}")
        seen: set[str] = set()
        for rule in self.auto_deny:
            if not rule.list_name.strip():
                found.append("an auto no-board rule must name a watchlist")
            if rule.list_name in seen:
                found.append(f"watchlist {rule.list_name!r} has two auto no-board rules")
            seen.add(rule.list_name)
            if not 0.0 < rule.threshold <= 1.0:
                found.append(f"auto no-board threshold for {rule.list_name!r} must be in (0, 1]")
        if self.auto_deny and self.on_true_match is OnTrueMatch.REFER:
            found.append(
                "auto no-board is configured but a human-confirmed match only refers: "
                "confirming a hit would soften the answer"
            )
        return found

    def check(self) -> CarrierPolicy:
        """Return the policy, or raise ``ConfigError`` listing all its problems."""
        problems = self.problems()
        if problems:
            raise ConfigError(problems)
        return self

    def auto_deny_for(self, list_name: str) -> AutoDeny | None:
        return next((rule for rule in self.auto_deny if rule.list_name == list_name), None)


@dataclass(frozen=True, slots=True)
class BoardingDecision:
    """The answer, its basis and the alerts that drove it; only ``answer`` leaves the building."""

    answer: BoardingAnswer
    basis: AnswerBasis
    alert_ids: tuple[str, ...]
    needs_review: bool
    policy_version: str

    def for_carrier(self) -> BoardingAnswer:
        """What the carrier may learn: the code, nothing else."""
        return self.answer


_RANK = {
    BoardingAnswer.BOARD: 0,
    BoardingAnswer.REFER: 1,
    BoardingAnswer.INSUFFICIENT_DATA: 2,
    BoardingAnswer.NO_BOARD: 3,
}


# Among alerts calling for the same answer, the most authoritative basis names it.
_BASIS_RANK = {
    AnswerBasis.NO_ALERTS: 0,
    AnswerBasis.CLEARED: 0,
    AnswerBasis.OPEN_ALERT: 1,
    AnswerBasis.INCONCLUSIVE: 2,
    AnswerBasis.INSUFFICIENT_DATA: 3,
    AnswerBasis.AUTO_DENY: 4,
    AnswerBasis.HUMAN_TRUE_MATCH: 5,
}


def _one(state: AlertState, policy: CarrierPolicy) -> tuple[BoardingAnswer, AnswerBasis]:
    """The answer one alert calls for, on its own."""
    if state.status is AlertStatus.DECIDED:
        if state.disposition is Disposition.FALSE_POSITIVE:
            return BoardingAnswer.BOARD, AnswerBasis.CLEARED
        if state.disposition is Disposition.INCONCLUSIVE:
            return policy.on_inconclusive, AnswerBasis.INCONCLUSIVE
        if may_act_adversely(state) and policy.on_true_match is OnTrueMatch.DENY:
            return BoardingAnswer.NO_BOARD, AnswerBasis.HUMAN_TRUE_MATCH
        return BoardingAnswer.REFER, AnswerBasis.HUMAN_TRUE_MATCH
    alert = state.alert
    if alert.kind is AlertKind.WATCHLIST:
        rule = policy.auto_deny_for(alert.source)
        if rule is not None and alert.score >= rule.threshold:
            return BoardingAnswer.NO_BOARD, AnswerBasis.AUTO_DENY
    return policy.on_open_alert, AnswerBasis.OPEN_ALERT


def decide_boarding(
    states: Sequence[AlertState],
    policy: CarrierPolicy,
    *,
    insufficient_data: bool = False,
) -> BoardingDecision:
    """The answer for one traveller, given all of that traveller's alerts for this flight.

    ``insufficient_data`` is the gateway's finding that the request lacked what screening needs
    (no document, no date of birth); it gives ``4Z`` unless a no-board applies.
    """
    policy.check()
    keys = {state.alert.traveller_key for state in states}
    if len(keys) > 1:
        raise Conflict(f"boarding is decided per traveller; got alerts for {len(keys)} travellers")
    needs_review = any(state.needs_review for state in states)
    verdicts = [(state.alert.alert_id, *_one(state, policy)) for state in states]
    answer, basis = BoardingAnswer.BOARD, AnswerBasis.CLEARED if states else AnswerBasis.NO_ALERTS
    for _, one_answer, one_basis in verdicts:
        if (_RANK[one_answer], _BASIS_RANK[one_basis]) > (_RANK[answer], _BASIS_RANK[basis]):
            answer, basis = one_answer, one_basis
    drivers = tuple(alert_id for alert_id, a, b in verdicts if a is answer and b is not AnswerBasis.CLEARED)
    if insufficient_data and _RANK[answer] < _RANK[BoardingAnswer.INSUFFICIENT_DATA]:
        answer, basis, drivers = BoardingAnswer.INSUFFICIENT_DATA, AnswerBasis.INSUFFICIENT_DATA, ()
    return BoardingDecision(answer, basis, drivers, needs_review, policy.version)


def carrier_answer(
    states: Iterable[AlertState], policy: CarrierPolicy, *, insufficient_data: bool = False
) -> BoardingAnswer:
    """Shorthand for ``decide_boarding(...).for_carrier()``."""
    return decide_boarding(tuple(states), policy, insufficient_data=insufficient_data).for_carrier()

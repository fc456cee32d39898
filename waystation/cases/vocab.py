"""The closed vocabularies of review: what an alert is, where it stands, what a human decided.

They are Enums because every one of them is stored, audited, shown and counted: a free string
("FP", "false pos", "fp ") would split statistics and defeat the audit. ``BoardingAnswer`` values
are the CUSRES ``ERC`` status codes that carriers' departure-control systems read (FORMATS.md §3:
``0Z`` board, ``1Z`` do not board, ``2Z`` advisory, used here for "refer", ``4Z`` insufficient
data), so the gateway writes ``answer.value`` into the segment and nothing else.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["AlertKind", "AlertStatus", "BoardingAnswer", "Disposition", "ReviewAction", "Role"]


class AlertKind(StrEnum):
    """What produced the alert: a watchlist match, a targeting rule, or a network link."""

    WATCHLIST = "watchlist"
    RULE = "rule"
    NETWORK = "network"


class AlertStatus(StrEnum):
    """Where an alert stands in review. Only ``DECIDED`` carries a human disposition."""

    OPEN = "open"
    IN_REVIEW = "in_review"
    ESCALATED = "escalated"
    DECIDED = "decided"


class Disposition(StrEnum):
    """A human's conclusion about an alert; the only thing that may justify an adverse action."""

    TRUE_MATCH = "true_match"
    FALSE_POSITIVE = "false_positive"
    INCONCLUSIVE = "inconclusive"


class ReviewAction(StrEnum):
    """The steps of the review workflow (see ``workflow.TRANSITIONS`` for who may take them)."""

    CLAIM = "claim"
    RELEASE = "release"
    ESCALATE = "escalate"
    DECIDE = "decide"
    OVERRIDE = "override"
    REOPEN = "reopen"


class BoardingAnswer(StrEnum):
    """The answer a carrier receives, as the CUSRES ``ERC`` code. It says nothing about why."""

    BOARD = "0Z"
    NO_BOARD = "1Z"
    REFER = "2Z"
    INSUFFICIENT_DATA = "4Z"

    @property
    def label(self) -> str:
        """The plain words for pages and logs (``board``, ``no_board``…)."""
        return _LABELS[self]


_LABELS = {
    BoardingAnswer.BOARD: "board",
    BoardingAnswer.NO_BOARD: "no_board",
    BoardingAnswer.REFER: "refer",
    BoardingAnswer.INSUFFICIENT_DATA: "insufficient_data",
}


class Role(StrEnum):
    """Who a user is to the system; each role sees and does only what ARCHITECTURE.md grants it."""

    CARRIER = "carrier"
    ANALYST = "analyst"
    SUPERVISOR = "supervisor"
    PARTNER = "partner"
    AUDITOR = "auditor"
    ADMIN = "admin"

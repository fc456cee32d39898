"""The rule file's shape at the trust boundary (pydantic), and the checks of a rule's paperwork.

The condition tree (``when``) is not part of this model: each condition has its own parameter
model in the registry, and the loader walks the tree itself so that it can report every problem
with the condition's place in the file.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from waystation.rules.model import Severity
from waystation.rules.protected import words_of

__all__ = [
    "FORMAT",
    "MAX_VALIDITY_DAYS",
    "ApprovalModel",
    "RuleModel",
    "justification_problems",
]

FORMAT = "waystation-rules/1"
MAX_VALIDITY_DAYS = 366
_PLACEHOLDERS = {"tbd", "todo", "tba", "xxx", "lorem", "ipsum", "fixme", "placeholder", "asdf", "test"}

Text = Annotated[str, StringConstraints(strip_whitespace=True)]


class ApprovalModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    approved_by: Annotated[Text, StringConstraints(min_length=2, max_length=100)]
    approved_at: date


class RuleModel(BaseModel):
    """Everything of a rule except its conditions."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[Text, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]{2,63}$")]
    title: Annotated[Text, StringConstraints(min_length=5, max_length=200)]
    version: int = Field(ge=1, le=100_000)
    owner: Annotated[Text, StringConstraints(min_length=2, max_length=100)]
    justification: Annotated[Text, StringConstraints(min_length=1, max_length=5000)]
    approval: ApprovalModel | None = None
    valid_from: date
    expires: date
    severity: Severity = Severity.MEDIUM


def justification_problems(title: str, justification: str) -> list[str]:
    """Why a justification is too thin to let a second person judge the rule (empty when fine).

    The approver must be able to see what threat the rule answers, why these conditions pick it
    out and why the intrusion is proportionate; a line of text cannot do that.
    """
    words = words_of(justification)
    found: list[str] = []
    too_short = len(justification) < 80 or len(words) < 12
    if too_short:
        found.append(
            "the justification is too short to be reviewed (at least 12 words and 80 characters: "
            "the threat, why these conditions, why proportionate)"
        )
    elif len(set(words)) < 8:
        found.append("the justification repeats a few words instead of explaining the rule")
    placeholders = sorted(_PLACEHOLDERS & set(words))
    if placeholders:
        found.append(f"the justification contains placeholder text: {', '.join(placeholders)}")
    if words and words == words_of(title):
        found.append("the justification only repeats the title")
    return found

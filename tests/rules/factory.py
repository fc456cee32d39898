"""Subjects and rule files for the rules tests, built from the real model objects.

The base subject is the journey the rules exist for: London → Istanbul → Gaziantep on
1 December 2026, booked two days before, paid in cash, one-way, travelling alone.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from textwrap import dedent, indent

from waystation.model import Booking, Leg, Name, PartialDate, Payment, TravelDocument, Traveller
from waystation.rules import RuleSubject, SubjectLeg

NOW = datetime(2026, 11, 30, 9, 0)


def leg(
    origin: str,
    destination: str,
    departure: datetime | None,
    arrival: datetime | None = None,
    carrier: str = "TK",
    flight: str = "1980",
) -> Leg:
    return Leg(carrier, flight, origin, destination, departure, arrival)


OUT_1 = leg("LHR", "IST", datetime(2026, 12, 1, 8, 0), datetime(2026, 12, 1, 14, 0), "TK", "1980")
OUT_2 = leg("IST", "GZT", datetime(2026, 12, 1, 17, 0), datetime(2026, 12, 1, 18, 40), "TK", "2218")
BACK_1 = leg("GZT", "IST", datetime(2026, 12, 20, 7, 0), datetime(2026, 12, 20, 8, 40), "TK", "2219")
BACK_2 = leg("IST", "LHR", datetime(2026, 12, 20, 11, 0), datetime(2026, 12, 20, 13, 30), "TK", "1971")

PASSPORT = TravelDocument("P", "503912774", "GBR", PartialDate(2031, 4, 2), PartialDate(2021, 4, 3))


def traveller(ref: str = "P1", **changes: object) -> Traveller:
    base = Traveller(
        ref,
        Name.from_parts("SMITH", "JOHN"),
        nationalities=("GBR",),
        documents=(PASSPORT,),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def booking(**changes: object) -> Booking:
    base = Booking(
        "ABC123",
        (traveller(),),
        itinerary=(OUT_1, OUT_2),
        created_at=datetime(2026, 11, 29, 10, 0),
        ticketed_at=datetime(2026, 11, 29, 10, 30),
        payments=(Payment("CA", amount="420.00", currency="EUR"),),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def subject(**changes: object) -> RuleSubject:
    base = RuleSubject(
        "S1",
        traveller(),
        (SubjectLeg(OUT_1, "ABC123"), SubjectLeg(OUT_2, "ABC123")),
        NOW,
        booking=booking(),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


LAWFUL_HEADER = """\
  - id: {id}
    title: {title}
    version: 1
    owner: supervisor.demir
    justification: >
      Travel to the border cities through Istanbul on late one-way tickets matches the pattern of
      foreign terrorist fighter travel documented by the UN monitoring team; reviewed by analysts.
    approval:
      approved_by: head.piu.kaya
      approved_at: 2026-05-20
    valid_from: 2026-06-01
    expires: 2027-05-31
    severity: medium
"""


def rule_file(when: str, *, rule_id: str = "test-rule", title: str = "Test rule on border travel") -> str:
    """A valid one-rule file around a ``when:`` body given as YAML (indented by the caller's style)."""
    body = indent(dedent(when).strip(), "      ")
    return "rules:\n" + LAWFUL_HEADER.format(id=rule_id, title=title) + "    when:\n" + body + "\n"

"""Small helpers the API tests share: sending iAPI requests and reading the CUSRES answers."""

from __future__ import annotations

from collections.abc import Sequence

from httpx import Response

from tests.api.conftest import DAY, Served
from waystation.cases.vocab import Role
from waystation.ingest.cusres import CusresResponse, read_cusres
from waystation.model import Leg, Traveller
from waystation.synth import FlightManifest, generate_day
from waystation.synth.render_iapi import render_iapi

__all__ = ["answers", "flight_with_listed", "post_message", "send_iapi"]


def post_message(served: Served, data: bytes, role: Role = Role.CARRIER) -> Response:
    return served.client.post(
        "/v1/messages", content=data, headers={**served.headers(role), "Content-Type": "application/edifact"}
    )


def send_iapi(
    served: Served, leg: Leg, travellers: Sequence[Traveller], *, reference: str | None = None
) -> tuple[Response, bytes]:
    data = render_iapi(
        leg, travellers, reference=reference or served.reference(), transaction="TN" + served.reference()
    )
    return post_message(served, data), data


def answers(response: Response) -> CusresResponse:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/edifact")
    (cusres,), issues = read_cusres(response.content, "answer")
    assert not [i for i in issues if i.severity.value == "error"]
    return cusres


def flight_with_listed(served: Served, seed: int | None = None) -> tuple[FlightManifest, set[str]]:
    """A flight carrying planted listed people, and their refs: of the shared synthetic day, or of
    a new day for ``seed`` (people never sent before, so no earlier review or clearance applies)."""
    day = served.day
    if seed is not None:
        day = generate_day(served.un, seed=seed, day=DAY, flights=2, passengers_per_flight=(8, 12), planted=2)
    listed = {row.ref for row in day.truth if row.kind == "listed"}
    for flight in day.flights:
        on_board = {t.ref for t in flight.travellers} & listed
        if on_board:
            return flight, on_board
    raise AssertionError("the synthetic day planted nobody")

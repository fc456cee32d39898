"""Shapes every resource shares: the error body and its location."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["ErrorBody", "LocationOut"]


class LocationOut(BaseModel):
    """Where in the input the problem is (a message segment, a field of the request)."""

    source: str | None = None
    segment: int | None = Field(default=None, description="1-based segment number in the message")
    tag: str | None = Field(default=None, description="segment tag, e.g. DTM")
    field: str | None = None
    line: int | None = None


class ErrorBody(BaseModel):
    """The one shape of every error response."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "ok": False,
                    "status": 422,
                    "code": "unreadable_message",
                    "message": "no UNH segment: not an EDIFACT message",
                    "location": {"source": "gateway/ca-dcs", "segment": 3, "tag": "BGM"},
                    "problems": [],
                    "message_id": 1042,
                }
            ]
        }
    )

    ok: bool = False
    status: int
    code: str = Field(description="stable machine-readable code, e.g. not_found, forbidden, bad_request")
    message: str
    location: LocationOut | None = None
    problems: list[str] = Field(default_factory=list, description="every problem, when there are several")
    message_id: int | None = Field(default=None, description="id under which a rejected message was kept")

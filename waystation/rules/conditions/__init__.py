"""The shipped rule conditions. Importing this package registers every one of them.

| name | module | reads |
|---|---|---|
| route, one_way, no_return_booked | route | journey, booking itinerary, later legs |
| booked_before_departure, payment, party_size, remark_contains | booking | booking |
| broken_journey | journey | transit points |
| document_expired, document_recently_issued, document_listed | documents | documents |
| companion_alert, nationality | people | companions, nationality |
| departure_hours, departure_period | window | departure time |
| field | field | one named field (whitelist decides) |
"""

from waystation.rules.conditions import booking, documents, field, journey, people, route, window
from waystation.rules.conditions.base import (
    BaseCondition,
    BuildContext,
    BuildError,
    Condition,
    ConditionRegistry,
    ConditionSpec,
    Finding,
    Params,
    default_registry,
)

__all__ = [
    "BaseCondition",
    "BuildContext",
    "BuildError",
    "Condition",
    "ConditionRegistry",
    "ConditionSpec",
    "Finding",
    "Params",
    "booking",
    "default_registry",
    "documents",
    "field",
    "journey",
    "people",
    "route",
    "window",
]

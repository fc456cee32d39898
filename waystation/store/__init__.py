"""Persistence: SQLAlchemy tables and queries; SQLite by default, PostgreSQL by URL.

The core gives the store a URL (only the edges read settings) and gets back model objects or
small frozen rows that add the store's ids; no ORM object leaves this package. The schema is
created and changed only by the Alembic migrations shipped inside it (:func:`upgrade`).
Repository functions take a :class:`~sqlalchemy.orm.Session` and leave committing to the
caller (the services own transactions), except :func:`receive_message`, which commits the
received bytes itself before anything else happens.
"""

from waystation.store.bookings import StoredBooking, bookings_by_locator, bookings_of_traveller, load_bookings
from waystation.store.clearances import (
    StoredClearance,
    add_clearance,
    clearances_for_subject,
    clearances_in_force,
    revoke_clearance,
)
from waystation.store.codec import jsonable
from waystation.store.engine import make_engine, make_sessions
from waystation.store.messages import (
    MessageStatus,
    StoredMessage,
    find_by_sha256,
    find_duplicate,
    get_message,
    mark_duplicate,
    mark_parsed,
    mark_rejected,
    message_bytes,
    messages_with_status,
    receive_message,
)
from waystation.store.migrate import current_revision, head_revision, upgrade
from waystation.store.parsed import StoredContent, store_flights, store_parsed_message
from waystation.store.screening import (
    NewHit,
    ScreeningRun,
    StoredHit,
    add_hits,
    finish_run,
    get_run,
    hits_of_run,
    hits_of_traveller,
    start_run,
)
from waystation.store.travellers import (
    StoredFlight,
    StoredTraveller,
    find_flights,
    get_flight,
    load_travellers,
    travellers_of_message,
    travellers_on_flight,
)
from waystation.store.watchlists import (
    ChangeKind,
    ImportResult,
    ListChange,
    ListVersionInfo,
    find_version,
    get_version,
    import_list_version,
    latest_version,
    list_changes,
    list_versions,
    load_entries,
    load_watchlist,
    watchlist_names,
)

__all__ = [
    "ChangeKind",
    "ImportResult",
    "ListChange",
    "ListVersionInfo",
    "MessageStatus",
    "NewHit",
    "ScreeningRun",
    "StoredBooking",
    "StoredClearance",
    "StoredContent",
    "StoredFlight",
    "StoredHit",
    "StoredMessage",
    "StoredTraveller",
    "add_clearance",
    "add_hits",
    "bookings_by_locator",
    "bookings_of_traveller",
    "clearances_for_subject",
    "clearances_in_force",
    "current_revision",
    "find_by_sha256",
    "find_duplicate",
    "find_flights",
    "find_version",
    "finish_run",
    "get_flight",
    "get_message",
    "get_run",
    "get_version",
    "head_revision",
    "hits_of_run",
    "hits_of_traveller",
    "import_list_version",
    "jsonable",
    "latest_version",
    "list_changes",
    "list_versions",
    "load_bookings",
    "load_entries",
    "load_travellers",
    "load_watchlist",
    "make_engine",
    "make_sessions",
    "mark_duplicate",
    "mark_parsed",
    "mark_rejected",
    "message_bytes",
    "messages_with_status",
    "receive_message",
    "revoke_clearance",
    "start_run",
    "store_flights",
    "store_parsed_message",
    "travellers_of_message",
    "travellers_on_flight",
    "upgrade",
    "watchlist_names",
]

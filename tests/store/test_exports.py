"""The store's public surface is pinned: changing it is a decision, not an accident."""

from __future__ import annotations

import waystation.store


def test_store_exports() -> None:
    assert sorted(waystation.store.__all__) == sorted(
        [
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
    )
    for name in waystation.store.__all__:
        assert hasattr(waystation.store, name), name

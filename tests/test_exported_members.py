"""The public surface is small and pinned: changing it is a decision, not an accident."""

from __future__ import annotations

import waystation.exc
import waystation.model


def test_model_exports() -> None:
    assert sorted(waystation.model.__all__) == sorted(
        [
            "Address",
            "Agency",
            "BirthDate",
            "Booking",
            "Contact",
            "ContactKind",
            "EntryKind",
            "IdentityDocument",
            "Leg",
            "ListEntry",
            "Manifest",
            "ManifestKind",
            "Name",
            "NamePart",
            "NamePartKind",
            "NameQuality",
            "NameRole",
            "ParseIssue",
            "PartialDate",
            "Payment",
            "PnrPush",
            "Provenance",
            "Severity",
            "Sex",
            "TravelDocument",
            "Traveller",
            "TravellerRole",
            "Watchlist",
            "country_name",
            "to_alpha3",
        ]
    )
    for name in waystation.model.__all__:
        assert hasattr(waystation.model, name), name


def test_exception_tree() -> None:
    exc = waystation.exc
    assert issubclass(exc.UnreadableMessage, exc.InputError)
    assert issubclass(exc.UnknownFormat, exc.InputError)
    assert issubclass(exc.WatchlistError, exc.InputError)
    assert issubclass(exc.RuleError, exc.ConfigError)
    for name in exc.__all__:
        obj = getattr(exc, name)
        if isinstance(obj, type) and name != "Locator":
            assert issubclass(obj, exc.WaystationError), name

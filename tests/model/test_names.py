from __future__ import annotations

from waystation.model import Name, NamePartKind, NameQuality, NameRole


def test_from_parts_keeps_roles() -> None:
    name = Name.from_parts("AL-BAGHDADI", ["ABU BAKR", "IBRAHIM"])
    assert [p.kind for p in name.parts] == [NamePartKind.GIVEN, NamePartKind.MIDDLE, NamePartKind.FAMILY]
    assert name.full == "ABU BAKR IBRAHIM AL-BAGHDADI"
    assert name.family == "AL-BAGHDADI"
    assert name.given == "ABU BAKR IBRAHIM"


def test_from_full_and_flags() -> None:
    alias = Name.from_full("  Abu   Du'a ", role=NameRole.ALIAS, quality=NameQuality.WEAK)
    assert alias.full == "Abu Du'a"
    assert alias.quality is NameQuality.WEAK
    assert not Name.from_full("   ")

"""Multi-part PAXLST: one flight's list split over several messages, put back together.

Parts share the UNH common access reference and are numbered by the UNH sequence (``01:C`` first,
``02`` middle, ``03:F`` final). Parts are grouped by (sender, common access reference, first leg),
ordered by number, and joined: legs from the first part, travellers in order (positional refs
renumbered so they stay unique), the CNT of the final part. Gaps and a missing final part are
reported; a manifest that is not part of a series passes through unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from waystation.exc import Locator
from waystation.model import Manifest, ParseIssue, Severity, Traveller

__all__ = ["reassemble"]


def _key(manifest: Manifest) -> tuple[str | None, str, str | None] | None:
    if manifest.part is None or not manifest.common_access_ref:
        return None
    first = manifest.legs[0].designator if manifest.legs else None
    return manifest.sender, manifest.common_access_ref, first


def _is_series(parts: list[Manifest]) -> bool:
    return len(parts) > 1 or (parts[0].final is not True or parts[0].part != 1)


def _join(parts: list[Manifest], issues: list[ParseIssue]) -> Manifest:
    parts.sort(key=lambda m: m.part or 0)
    numbers = [m.part or 0 for m in parts]
    where = Locator(parts[0].provenance.locator.source if parts[0].provenance else None, tag="UNH")
    expected = list(range(1, max(numbers) + 1))
    if numbers != expected:
        missing = sorted(set(expected) - set(numbers))
        issues.append(
            ParseIssue(
                Severity.WARNING,
                "multipart_gap",
                f"parts {numbers} of {parts[0].common_access_ref!r}; missing {missing}",
                where,
            )
        )
    if parts[-1].final is not True:
        issues.append(
            ParseIssue(
                Severity.WARNING,
                "multipart_open",
                f"the last part of {parts[0].common_access_ref!r} is not marked final (F)",
                where,
            )
        )
    travellers: list[Traveller] = []
    seen: set[str] = set()
    for part in parts:
        for traveller in part.travellers:
            ref = traveller.ref
            if ref.startswith("#") or ref in seen:
                ref = f"#{len(travellers) + 1}"
            seen.add(ref)
            travellers.append(traveller if ref == traveller.ref else replace(traveller, ref=ref))
    last = parts[-1]
    if last.declared_count is not None and last.declared_count != len(travellers):
        issues.append(
            ParseIssue(
                Severity.WARNING,
                "control_count",
                f"CNT declares {last.declared_count}, the parts hold {len(travellers)}",
                where,
            )
        )
    return replace(
        parts[0],
        travellers=tuple(travellers),
        part=None,
        final=last.final,
        declared_count=last.declared_count,
    )


def reassemble(manifests: Iterable[Manifest]) -> tuple[tuple[Manifest, ...], tuple[ParseIssue, ...]]:
    """Join the parts of multi-part manifests; other manifests keep their place and content."""
    issues: list[ParseIssue] = []
    order: list[tuple[str | None, str, str | None] | int] = []
    groups: dict[tuple[str | None, str, str | None] | int, list[Manifest]] = {}
    for index, manifest in enumerate(manifests):
        key: tuple[str | None, str, str | None] | int = _key(manifest) or index
        if key not in groups:
            order.append(key)
            groups[key] = []
        groups[key].append(manifest)
    out: list[Manifest] = []
    for key in order:
        parts = groups[key]
        if isinstance(key, int) or not _is_series(parts):
            out.extend(parts)
        else:
            out.append(_join(parts, issues))
    return tuple(out), tuple(issues)

"""May this package go to that partner? Every reason it may not, at once.

The checks follow the mark (``marks.py``) and who is sending:

- every package names its recipients, and goes only to them; ``TLP:RED`` names persons;
- the originator may send ``AMBER``/``AMBER+STRICT``/``RED`` to whom it addresses, ``GREEN`` only
  within its community, ``CLEAR`` to anyone;
- a recipient passing material on (a re-share) may never pass on ``RED``; ``AMBER+STRICT`` only
  inside its own organisation; ``AMBER`` to its own organisation and its declared clients;
  ``GREEN`` within the originator's community; and under ORCON only with the originator's
  recorded consent for that organisation;
- no hit field that the mark or the partner's agreement withholds may be present (``redact.py``).

``directory`` maps organisation ids to :class:`Partner` records, including our own.
"""

from __future__ import annotations

from collections.abc import Mapping

from waystation.exc import Forbidden
from waystation.sharing.marks import Tlp
from waystation.sharing.package import SharePackage
from waystation.sharing.parties import Partner
from waystation.sharing.redact import unredacted

__all__ = ["check_release", "package_problems", "release_problems"]


def package_problems(package: SharePackage) -> list[str]:
    """What is wrong with the package itself, whoever it goes to."""
    found: list[str] = []
    for name in ("package_id", "originator", "sender", "created_by"):
        if not getattr(package, name).strip():
            found.append(f"the package has no {name.replace('_', ' ')}")
    if package.created_at.tzinfo is None:
        found.append("created_at must be timezone-aware")
    if len(package.purpose.split()) < 3:
        found.append("the purpose must say in a few words why this is shared")
    if not package.items:
        found.append("the package is empty")
    if not package.recipients:
        found.append("the package has no recipients")
    orgs = [r.org_id for r in package.recipients]
    if len(orgs) != len(set(orgs)) and package.mark.tlp is not Tlp.RED:
        found.append("a recipient organisation is listed twice")
    if package.mark.tlp is Tlp.RED:
        unnamed = [r.org_id for r in package.recipients if not r.person]
        if unnamed:
            found.append(f"TLP:RED goes to named individuals only; no person named at {', '.join(unnamed)}")
    if package.is_reshare and not package.derived_from:
        found.append("a re-shared package must name the originator's package it came in")
    return found


def _community(directory: Mapping[str, Partner], org_id: str) -> str | None:
    partner = directory.get(org_id)
    return partner.community if partner else None


def _reshare_problems(package: SharePackage, partner: Partner, directory: Mapping[str, Partner]) -> list[str]:
    found: list[str] = []
    tlp, sender, target = package.mark.tlp, package.sender, partner.org_id
    if tlp is Tlp.RED:
        found.append("TLP:RED may not be passed on by anyone but its originator")
    elif tlp is Tlp.AMBER_STRICT and target != sender:
        found.append(f"TLP:AMBER+STRICT stays within {sender}; {target} is outside it")
    elif tlp is Tlp.AMBER:
        clients = directory[sender].clients if sender in directory else frozenset()
        if target != sender and target not in clients:
            found.append(f"TLP:AMBER goes only to {sender} and its clients; {target} is neither")
    elif tlp is Tlp.GREEN:
        community = _community(directory, package.originator)
        if community is None or partner.community != community:
            found.append(f"TLP:GREEN stays within the originator's community; {target} is outside it")
    if package.mark.orcon:
        consented = any(c.package_id == package.derived_from and c.org_id == target for c in package.consents)
        if not consented:
            found.append(
                f"ORCON: {package.originator} has not consented to passing {package.derived_from} to {target}"
            )
    return found


def release_problems(package: SharePackage, partner: Partner, directory: Mapping[str, Partner]) -> list[str]:
    """Every reason ``package`` may not be sent to ``partner`` (empty when it may)."""
    found = package_problems(package)
    target = partner.org_id
    recipient = package.recipient(target)
    if recipient is None:
        found.append(f"the package is not addressed to {target}")
    if package.sender not in directory:
        found.append(f"the sender {package.sender} is not in the partner directory")
    if package.is_reshare:
        found.extend(_reshare_problems(package, partner, directory))
    elif package.mark.tlp is Tlp.GREEN:
        community = _community(directory, package.originator)
        if community is None or partner.community != community:
            found.append(f"TLP:GREEN stays within {package.originator}'s community; {target} is outside it")
    leaks = unredacted(package, partner)
    if leaks:
        found.append(
            f"withheld from {target} under {package.mark} but present: {', '.join(leaks)}; redact first"
        )
    return found


def check_release(package: SharePackage, partner: Partner, directory: Mapping[str, Partner]) -> SharePackage:
    """The package unchanged, or ``Forbidden`` listing every problem."""
    problems = release_problems(package, partner, directory)
    if problems:
        raise Forbidden(
            f"package {package.package_id} may not go to {partner.org_id}: " + "; ".join(problems)
        )
    return package

"""Share packages for partner agencies, under handling marks. Pure: transport lives at the edge.

- ``marks``: TLP 2.0 and originator control (ORCON);
- ``parties``: partners, recipients, the originator's consent;
- ``package``: shared entries and hits, the package, re-sharing;
- ``redact``: what of a hit may go out under which mark and to whom;
- ``release``: whether a package may go to a partner, every reason at once;
- ``document``: the JSON document with its detached SHA-256 digest.

A package goes out as: build → ``redact_for(package, partner)`` → ``check_release(...)`` →
``to_document(...)``, and the service records a ``PackageShared`` audit event with the digest.
"""

from waystation.sharing.document import SCHEMA, ShareDocument, digest_of, read_document, to_document
from waystation.sharing.marks import HandlingMark, Tlp
from waystation.sharing.package import SharedEntry, SharedHit, ShareItem, SharePackage, reshare
from waystation.sharing.parties import OriginatorConsent, Partner, Recipient
from waystation.sharing.redact import (
    HIT_FIELDS,
    FieldRule,
    redact_for,
    redact_hit,
    unredacted,
    withheld_fields,
)
from waystation.sharing.release import check_release, package_problems, release_problems

__all__ = [
    "HIT_FIELDS",
    "SCHEMA",
    "FieldRule",
    "HandlingMark",
    "OriginatorConsent",
    "Partner",
    "Recipient",
    "ShareDocument",
    "ShareItem",
    "SharePackage",
    "SharedEntry",
    "SharedHit",
    "Tlp",
    "check_release",
    "digest_of",
    "package_problems",
    "read_document",
    "redact_for",
    "redact_hit",
    "release_problems",
    "reshare",
    "to_document",
    "unredacted",
    "withheld_fields",
]

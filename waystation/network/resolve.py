"""Person resolution: which sightings, across API and PNR messages, are one and the same person.

Sightings are merged on three kinds of exact key, strongest first, with a union-find:

1. ``DOCUMENT``: the same travel document (normalized number and issuing country);
2. ``NAME_BIRTH_DATE``: the same normalized name and the same *complete* birth date;
3. ``NAME_BOOKING``: the same name in the same booking record (PNRs often lack the birth date
   that the API of the same trip gives); inside one booking a name also meets a fuller spelling
   of itself (``HASSAN/ALI`` and ``ALI MOHAMMED HASSAN``) when that is the only candidate.

A false merge puts an innocent traveller one hop from a listed subject, so a merge is refused —
and recorded as a :class:`ResolutionConflict` — when the two sides contradict each other: both
give birth dates that differ, both give different sexes (M/F), they share no name word although
they share a document (a reused or borrowed document), or they are two entries of one list (a
manifest, or one booking of a PNR push, names a person once: two ``ALI HASSAN`` in one booking are
two people; the same person in two bookings of one push is not refused). A common name with no
birth date merges on nothing but a document or a shared booking.

Person ids are deterministic: a keyed digest (BLAKE2b) of the person's strongest key (the smallest document
key, else name and birth date, else the first sighting id), so the same input gives the same ids
whatever order the messages came in.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from waystation.model import PartialDate, Sex
from waystation.network.bulk import collector_paused
from waystation.network.masking import mask_document
from waystation.network.normalize import document_key, name_key
from waystation.network.sightings import Sighting

__all__ = ["MatchBasis", "Person", "Resolution", "ResolutionConflict", "resolve_persons"]

_BOOKING_SUBSET_LIMIT = 200  # distinct names in one booking above which only exact names merge
# A key that more people than this were kept apart on is a placeholder (a dummy document, a
# common name with a default birth date): trying each new sighting against every one of them
# would be quadratic, and none of the merges could be trusted.
_PEOPLE_PER_KEY = 20


class MatchBasis(StrEnum):
    """Why two sightings were taken to be the same person."""

    DOCUMENT = "document"
    NAME_BIRTH_DATE = "name_birth_date"
    NAME_BOOKING = "name_booking"


@dataclass(frozen=True, slots=True)
class ResolutionConflict:
    """A merge that a key proposed and the evidence refused (for the analyst, and for tests)."""

    basis: MatchBasis
    shown: str
    sighting_ids: tuple[str, str]
    reason: str


@dataclass(frozen=True, slots=True)
class Person:
    """A resolved person: every sighting of them, and what those sightings agree on."""

    person_id: str
    sighting_ids: tuple[str, ...]
    names: tuple[str, ...]
    birth_date: PartialDate | None = None
    sex: Sex | None = None
    nationalities: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    matched_by: tuple[MatchBasis, ...] = ()

    @property
    def label(self) -> str:
        return self.names[0] if self.names else self.person_id


@dataclass(frozen=True, slots=True)
class Resolution:
    """The persons found, the person of each sighting, and the merges that were refused."""

    persons: Mapping[str, Person]
    person_of: Mapping[str, str]
    conflicts: tuple[ResolutionConflict, ...] = field(default=())

    def person_for(self, sighting: Sighting) -> Person:
        return self.persons[self.person_of[sighting.sighting_id]]


def _dob_key(date: PartialDate | None) -> str | None:
    return date.iso() if date is not None and date.is_complete else None


def _dates_agree(a: PartialDate, b: PartialDate) -> bool:
    return all(x is None or y is None or x == y for x, y in zip(_parts(a), _parts(b), strict=True))


def _parts(date: PartialDate) -> tuple[int | None, int | None, int | None]:
    return (date.year, date.month, date.day)


@dataclass(slots=True)
class _State:
    """What a cluster's sightings say, kept to refuse contradictory merges."""

    dates: set[PartialDate]
    sexes: set[Sex]
    words: set[str]
    lists: set[str]
    bases: set[MatchBasis]


class _Clusters:
    """Union-find over sighting positions, with the state of each root made only when needed."""

    def __init__(self, sightings: list[Sighting], tokens: list[tuple[str, ...]]) -> None:
        self.sightings = sightings
        self.tokens = tokens
        self.parent = list(range(len(sightings)))
        self.states: dict[int, _State] = {}

    def find(self, i: int) -> int:
        parent = self.parent
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:
            parent[i], i = root, parent[i]
        return root

    def state(self, root: int) -> _State:
        found = self.states.get(root)
        if found is None:
            traveller = self.sightings[root].traveller
            date = traveller.birth_date
            found = _State(
                dates={date} if date is not None and date.year is not None else set(),
                sexes={traveller.sex} if traveller.sex in (Sex.MALE, Sex.FEMALE) else set(),
                words={w for w in self.tokens[root] if len(w) > 1},
                lists={self.sightings[root].listing},
                bases=set(),
            )
            self.states[root] = found
        return found

    def refusal(self, a: int, b: int, basis: MatchBasis) -> str | None:
        """Why roots ``a`` and ``b`` must stay apart, or ``None`` when they may merge."""
        sa, sb = self.state(a), self.state(b)
        if sa.lists & sb.lists:
            return "both in the same passenger list"
        if any(not _dates_agree(x, y) for x in sa.dates for y in sb.dates):
            return "birth dates differ"
        if len(sa.sexes | sb.sexes) > 1:
            return "sexes differ"
        if basis is MatchBasis.DOCUMENT and sa.words and sb.words and not sa.words & sb.words:
            return "document shared by different names"
        return None

    def union(self, a: int, b: int, basis: MatchBasis) -> str | None:
        """Merge the clusters of ``a`` and ``b``; the reason when refused."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return None
        reason = self.refusal(ra, rb, basis)
        if reason is not None:
            return reason
        sa, sb = self.state(ra), self.state(rb)
        if len(sa.lists) < len(sb.lists):  # keep the bigger state, fold the smaller into it
            ra, rb, sa, sb = rb, ra, sb, sa
        sa.dates |= sb.dates
        sa.words |= sb.words
        sa.lists |= sb.lists
        sa.sexes |= sb.sexes
        sa.bases |= sb.bases | {basis}
        self.parent[rb] = ra
        del self.states[rb]
        return None


class _Resolver:
    def __init__(self, sightings: list[Sighting]) -> None:
        self.sightings = sightings
        self.names = [name_key(s.traveller.name) for s in sightings]
        self.documents = [
            tuple(sorted({k for d in s.traveller.documents if (k := document_key(d))})) for s in sightings
        ]
        self.clusters = _Clusters(sightings, [tuple(n.split()) if n else () for n in self.names])
        self.conflicts: list[ResolutionConflict] = []

    def merge_group(self, basis: MatchBasis, shown: str, members: list[int]) -> None:
        """Merge a key's sightings; a sighting that contradicts a cluster tries the key's next one."""
        roots: list[int] = []
        for member in members:
            if len(roots) > _PEOPLE_PER_KEY:
                pair = (self.sightings[roots[0]].sighting_id, self.sightings[member].sighting_id)
                given_up = f"shared by more than {_PEOPLE_PER_KEY} people: not used further"
                self.conflicts.append(ResolutionConflict(basis, shown, pair, given_up))
                return
            refused: str | None = None
            for position, root in enumerate(roots):
                reason = self.clusters.union(root, member, basis)
                if reason is None:
                    roots[position] = self.clusters.find(member)
                    break
                refused = refused or reason
            else:
                if refused is not None:
                    pair = (self.sightings[roots[0]].sighting_id, self.sightings[member].sighting_id)
                    self.conflicts.append(ResolutionConflict(basis, shown, pair, refused))
                roots.append(self.clusters.find(member))

    def by_documents(self) -> None:
        groups: dict[str, list[int]] = defaultdict(list)
        for i, keys in enumerate(self.documents):
            for key in keys:
                groups[key].append(i)
        for key in sorted(groups):
            if len(groups[key]) > 1:
                self.merge_group(MatchBasis.DOCUMENT, mask_document(key), groups[key])

    def by_name_and_birth_date(self) -> None:
        groups: dict[str, list[int]] = defaultdict(list)
        for i, sighting in enumerate(self.sightings):
            dob = _dob_key(sighting.traveller.birth_date)
            if self.names[i] and dob:
                groups[f"{self.names[i]}|{dob}"].append(i)
        for key in sorted(groups):
            if len(groups[key]) > 1:
                self.merge_group(MatchBasis.NAME_BIRTH_DATE, key.split("|")[0], groups[key])

    def by_booking(self) -> None:
        groups: dict[str, list[int]] = defaultdict(list)
        for i, sighting in enumerate(self.sightings):
            if sighting.booking_locator and self.names[i]:
                groups[sighting.booking_locator].append(i)
        for locator in sorted(groups):
            members = groups[locator]
            by_name: dict[str, list[int]] = defaultdict(list)
            for i in members:
                by_name[str(self.names[i])].append(i)
            for name in sorted(by_name):
                if len(by_name[name]) > 1:
                    self.merge_group(MatchBasis.NAME_BOOKING, f"{locator} {name}", by_name[name])
            if 1 < len(by_name) <= _BOOKING_SUBSET_LIMIT:
                self.fuller_names(locator, by_name)

    def fuller_names(self, locator: str, by_name: dict[str, list[int]]) -> None:
        """Join two spellings in a booking when one contains the other and each is the other's only such."""
        words = {name: frozenset(name.split()) for name in by_name if len(name.split()) >= 2}
        related = {
            name: [other for other in words if words[name] < words[other] or words[other] < words[name]]
            for name in sorted(words)
        }
        for name, others in related.items():
            if len(others) == 1 and name < others[0] and related[others[0]] == [name]:
                members = [*by_name[name], *by_name[others[0]]]
                self.merge_group(MatchBasis.NAME_BOOKING, f"{locator} {name}", members)

    def persons(self, secret: bytes) -> Resolution:
        members: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.sightings)):
            members[self.clusters.find(i)].append(i)
        anchors = {root: self.anchor(items) for root, items in members.items()}
        taken: set[str] = set()
        key = secret if len(secret) <= 64 else hashlib.blake2b(secret).digest()
        persons: dict[str, Person] = {}
        person_of: dict[str, str] = {}
        for root in sorted(members, key=lambda r: members[r][0]):  # first sighting id decides a tie
            anchor = anchors[root]
            if anchor in taken:  # two clusters kept apart that share their strongest key
                anchor = f"{anchor}#{self.sightings[members[root][0]].sighting_id}"
            taken.add(anchor)
            person_id = "P-" + hashlib.blake2b(anchor.encode("utf-8"), key=key, digest_size=8).hexdigest()
            persons[person_id] = self.person(person_id, root, members[root])
            for i in members[root]:
                person_of[self.sightings[i].sighting_id] = person_id
        return Resolution(persons, person_of, tuple(self.conflicts))

    def anchor(self, items: list[int]) -> str:
        documents = [k for i in items for k in self.documents[i]]
        if documents:
            return "doc:" + min(documents)
        named = [f"{self.names[i]}|{_dob_key(self.sightings[i].traveller.birth_date)}" for i in items]
        if found := sorted(
            k for i, k in zip(items, named, strict=True) if self.names[i] and "|None" not in k
        ):
            return "name:" + found[0]
        return "sighting:" + self.sightings[items[0]].sighting_id

    def person(self, person_id: str, root: int, items: list[int]) -> Person:
        if len(items) == 1:  # most people are seen once: no merging of what they said
            sighting = self.sightings[root]
            traveller = sighting.traveller
            date = traveller.birth_date
            return Person(
                person_id=person_id,
                sighting_ids=(sighting.sighting_id,),
                names=(traveller.name.full,) if traveller.name.parts else (),
                birth_date=date if date is not None and date.year is not None else None,
                sex=traveller.sex if traveller.sex in (Sex.MALE, Sex.FEMALE) else None,
                nationalities=tuple(sorted(set(traveller.nationalities))),
                documents=tuple(mask_document(k) for k in self.documents[root]),
            )
        travellers = [self.sightings[i].traveller for i in items]
        dates = [
            t.birth_date for t in travellers if t.birth_date is not None and t.birth_date.year is not None
        ]
        sexes = {t.sex for t in travellers if t.sex in (Sex.MALE, Sex.FEMALE)}
        documents = {k for i in items for k in self.documents[i]}
        state = self.clusters.states.get(root)
        return Person(
            person_id=person_id,
            sighting_ids=tuple(self.sightings[i].sighting_id for i in items),
            names=tuple(dict.fromkeys(t.name.full for t in travellers if t.name)),
            birth_date=max(
                dates, key=lambda d: (sum(p is not None for p in _parts(d)), d.iso()), default=None
            ),
            sex=next(iter(sexes)) if len(sexes) == 1 else None,
            nationalities=tuple(sorted({n for t in travellers for n in t.nationalities})),
            documents=tuple(sorted(mask_document(k) for k in documents)),
            matched_by=tuple(sorted(state.bases)) if state else (),
        )


def resolve_persons(sightings: Iterable[Sighting], *, secret: bytes = b"") -> Resolution:
    """Resolve sightings into persons (see the module docstring for the rules).

    ``secret`` keys the digest behind person ids (the deployment's secret, given by the service),
    so that an id cannot be turned back into the document number it was made from.
    """
    with collector_paused():
        unique = {s.sighting_id: s for s in sightings}
        resolver = _Resolver([unique[key] for key in sorted(unique)])
        resolver.by_documents()
        resolver.by_name_and_birth_date()
        resolver.by_booking()
        return resolver.persons(secret)

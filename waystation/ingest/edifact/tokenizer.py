"""UN/EDIFACT text to segments, as forgiving as real traffic requires and no more.

Steps: decode the bytes explicitly (:mod:`.charset`); find where the interchange starts (Type B
teletype lines, queue-log wrappers and any other text before ``UNA``/``UNB``/``UNH`` are kept as
``prelude``); read the service characters (:mod:`.syntax`); then cut segments at unreleased
terminators in one regular-expression pass. Line breaks are not EDIFACT: between segments they are
skipped, inside a segment they are removed (a value wrapped at column 64-70 is rejoined), and a
line break followed by a known segment tag where no terminator came is a missing terminator.
Segments glued together without a terminator (``RPI+1+HKIFT+4:19+...``) are split again using
the element counts of :mod:`.segments`. Text after ``UNZ`` is kept as ``trailer``. Every repair is
a warning; only input with no EDIFACT in it at all is unreadable.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from waystation.exc import Locator, UnreadableMessage
from waystation.ingest.edifact.charset import decode
from waystation.ingest.edifact.segment import Element, Segment
from waystation.ingest.edifact.segments import element_limits, is_known_tag, max_elements
from waystation.ingest.edifact.syntax import Syntax, defaults_for, read_una
from waystation.model import ParseIssue, Severity

__all__ = ["Tokenized", "split_elements", "tokenize"]

_START = re.compile(r"UNA[^\w\s]|UN[BH][^\w\s]")
_TAG = re.compile(r"[A-Z][A-Z0-9]{2}")
_LOOKAHEAD = re.compile(r"[ \t]*([A-Z][A-Z0-9]{2})(.?)", re.S)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_EDGE_JUNK = "\x00\x01\x02\x03\x04\x1a\x1e\x1f \t\r\n\f\v"
_TRAILING_JUNK = "\x00\x01\x02\x03\x04\x1a\x1e\x1f\r\n\f\v"  # trailing spaces are data
_WS = re.compile(r"[\s\x00-\x04\x1a]*")
_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


@dataclass(frozen=True, slots=True)
class Tokenized:
    """Segments with the syntax they were read with, the decoding used and every repair made."""

    segments: tuple[Segment, ...]
    syntax: Syntax
    encoding: str
    issues: tuple[ParseIssue, ...]
    prelude: str = ""
    trailer: str = ""


def split_elements(body: str, syntax: Syntax) -> list[list[Element]]:
    """Split segment text into elements → repetitions → components, honouring the release character."""
    sep, comp, rel, rep = syntax.element, syntax.component, syntax.release, syntax.repetition
    if not rel or rel not in body:
        out: list[list[Element]] = []
        for text in body.split(sep):
            if rep and rep in text:
                out.append([tuple(r.split(comp)) for r in text.split(rep)])
            else:
                out.append([tuple(text.split(comp))])
        return out
    elements: list[list[Element]] = []
    reps: list[Element] = []
    comps: list[str] = []
    buf: list[str] = []
    i, n = 0, len(body)
    while i < n:
        ch = body[i]
        if ch == rel:
            if i + 1 < n:
                buf.append(body[i + 1])
            i += 2
            continue
        if ch == comp:
            comps.append("".join(buf))
            buf = []
        elif ch == sep:
            comps.append("".join(buf))
            reps.append(tuple(comps))
            elements.append(reps)
            buf, comps, reps = [], [], []
        elif rep is not None and ch == rep:
            comps.append("".join(buf))
            reps.append(tuple(comps))
            buf, comps = [], []
        else:
            buf.append(ch)
        i += 1
    comps.append("".join(buf))
    reps.append(tuple(comps))
    elements.append(reps)
    return elements


class _Scanner:
    """One pass over the text; collects segments and issues."""

    def __init__(self, text: str, syntax: Syntax, source: str) -> None:
        self.text = text
        self.syntax = syntax
        self.source = source
        self.segments: list[Segment] = []
        self.offsets: list[int] = []
        self.issues: list[ParseIssue] = []
        self._line_starts: list[int] | None = None
        self.ended = False

    def line_of(self, offset: int) -> int:
        # Found on the first look-up: the plain path counts lines itself and asks for few or none.
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(self.text)]
        return bisect.bisect_right(self._line_starts, offset)

    def first_line_of(self, offset: int) -> int:
        """:meth:`line_of` without finding every line start when none was needed yet."""
        if self._line_starts is None:
            return 1 + len(_LINE_BREAK.findall(self.text, 0, offset))
        return self.line_of(offset)

    def warn(
        self, code: str, message: str, offset: int, segment: int | None = None, tag: str | None = None
    ) -> None:
        locator = Locator(self.source, segment, tag, None, self.line_of(offset))
        self.issues.append(ParseIssue(Severity.WARNING, code, message, locator))

    def warn_on(self, index: int, code: str, message: str, offset: int) -> None:
        """A warning about the segment just emitted at list index ``index`` (if it was)."""
        if index < len(self.segments):
            segment = self.segments[index]
            self.warn(code, message, offset, segment.position, segment.tag)

    def skip_ws(self, at: int) -> int:
        match = _WS.match(self.text, at)
        return match.end() if match else at

    def emit(self, body: str, raw: str, offset: int) -> None:
        body = body.lstrip(_EDGE_JUNK).rstrip(_TRAILING_JUNK)
        raw = raw.lstrip(_EDGE_JUNK).rstrip(_TRAILING_JUNK)
        if not body:
            return
        elements = split_elements(body, self.syntax)
        tag = elements[0][0][0].strip() if elements[0] and elements[0][0] else ""
        if not _TAG.fullmatch(tag):
            self.warn("not_a_segment", f"text that is not a segment was ignored: {raw[:60]!r}", offset)
            return
        if tag != elements[0][0][0]:
            self.warn("stray_space", f"whitespace around the tag {tag!r} ignored", offset, tag=tag)
        for part_elements, part_raw in self._unglue(tag, elements[1:], raw, offset):
            self._append(part_elements, part_raw, offset)

    def _unglue(
        self, tag: str, elements: list[list[Element]], raw: str, offset: int
    ) -> list[tuple[list[list[Element]], str]]:
        """Split ``RPI+1+HKIFT+4:19`` into ``RPI+1+HK`` and ``IFT+4:19`` (see module docstring)."""
        limit = max_elements(tag)
        if limit is None or len(elements) <= limit:
            return [([[(tag,)], *elements], raw)]
        for index in range(min(limit, len(elements) - 1), 0, -1):
            comps = elements[index - 1][0]
            last = comps[-1].rstrip()
            glued = last[-3:]
            if len(last) >= 3 and is_known_tag(glued) and glued != tag:
                head = [*comps[:-1], last[:-3]] if last[:-3] or len(comps) > 1 else None
                host: list[list[Element]] = [[(tag,)], *elements[: index - 1]]
                if head:
                    host.append([tuple(head)])
                rest: list[list[Element]] = [[(glued,)], *elements[index:]]
                self.warn(
                    "missing_terminator",
                    f"segment {glued} glued to {tag} without a terminator; split",
                    offset,
                    len(self.segments) + 1,
                    tag,
                )
                cut = raw.rfind(glued + self.syntax.element)
                host_raw, rest_raw = (raw[:cut], raw[cut:]) if cut > 0 else (raw, raw)
                rest_parts = self._unglue(glued, rest[1:], rest_raw, offset)
                return [(host, host_raw), *rest_parts]
        return [([[(tag,)], *elements], raw)]

    def _append(self, elements: list[list[Element]], raw: str, offset: int) -> None:
        tag = elements[0][0][0]
        data = elements[1:]
        repeated = tuple((i, tuple(reps)) for i, reps in enumerate(data) if len(reps) > 1)
        segment = Segment(
            tag,
            tuple([reps[0] for reps in data]),
            len(self.segments) + 1,
            raw,
            self.line_of(offset),
            repeated,
        )
        self.segments.append(segment)
        self.offsets.append(offset)
        if tag == "UNZ":
            self.ended = True

    def run(self, start: int, one_pass: bool = True) -> str:
        """Scan from ``start``; returns the trailer (text after UNZ). ``one_pass=False`` goes straight
        to the repairing scan (the tests compare both paths)."""
        noted = len(self.issues)
        trailer = self._run_plain(start) if one_pass else None
        if trailer is not None:
            return trailer
        self.segments, self.offsets, self.issues, self.ended = [], [], self.issues[:noted], False
        return self._run_repairing(start)

    def _run_plain(self, start: int) -> str | None:
        """The common case in one pass: every segment ends with its terminator, none is wrapped over
        lines and no release character is used, so each segment is the text between terminators.
        ``None`` (with nothing to keep) when the message needs :meth:`_run_repairing`."""
        syntax, text = self.syntax, self.text
        released = syntax.release and text.find(syntax.release, start) >= 0
        if released or (syntax.terminator == "'" and "\u2019" in text):
            return None
        terminator, end, skip_ws = syntax.terminator, len(text), self.skip_ws
        sep, comp, rep = syntax.element, syntax.component, syntax.repetition
        segments, offsets, line_of = self.segments, self.offsets, self.line_of
        most_parts = _known_most_parts()  # tag -> parts (tag and elements) a plain segment may have
        capitals = _CAPITALS if terminator not in "\r\n" else frozenset()  # a line-break terminator
        at = skip_ws(start)
        line = self.first_line_of(at)
        while at < end:
            stop = text.find(terminator, at)
            if stop < 0:
                return None if text[at:].strip(_EDGE_JUNK) else ""
            body = text[at:stop]
            if "\n" in body or "\r" in body:
                return None
            parts = body.split(sep)
            tag = parts[0]
            most = most_parts.get(tag)
            if most is None:  # not a tag the readers know (rare): worked out each time
                most = _most_parts(tag)
            if (
                len(parts) > most  # also an empty body or a tag that is not one: 0 parts allowed
                or body[-1] in _TRAILING_JUNK
                or (rep and rep in body)
            ):
                self.emit(body, body, at)  # every repair and warning, as the slow path would
            else:
                elements = tuple([tuple(part.split(comp)) for part in parts[1:]])
                segments.append(Segment(tag, elements, len(segments) + 1, body, line))
                offsets.append(at)
                self.ended = tag == "UNZ"
            # What follows a terminator is nearly always the next tag, or one "\n" and the tag:
            # both stepped over without the whitespace pattern and the line look-up (a capital
            # letter is never whitespace); anything else takes the general way.
            at = stop + 1
            following = text[at : at + 2]
            if following[:1] in capitals:
                pass
            elif following[:1] == "\n" and following[1:] in capitals:
                at, line = at + 1, line + 1
            else:
                at = skip_ws(at)
                line = line_of(at)
            if self.ended:
                return text[at:]
        return ""

    def _run_repairing(self, start: int) -> str:
        """Scan event by event, repairing missing terminators and wrapped lines."""
        syntax, text = self.syntax, self.text
        parts = [re.escape(syntax.release) + "."] if syntax.release else []
        parts.append(re.escape(syntax.terminator))
        if syntax.terminator == "'":
            parts.append("\u2019(?=[ \t]*(?:\r|\n|$))")
        parts.append(r"\r\n|\r|\n")
        events = re.compile("|".join(parts), re.S)
        seg_start = chunk_start = self.skip_ws(start)
        chunks: list[str] = []
        wrapped = False
        for match in events.finditer(text, start):
            at = match.start()
            if at < chunk_start:
                continue
            token = match.group()
            if len(token) == 2 and syntax.release and token[0] == syntax.release:
                continue
            if token in (syntax.terminator, "\u2019"):
                body = "".join(chunks) + text[chunk_start:at]
                before = len(self.segments)
                self.emit(body, text[seg_start:at], seg_start)
                if token == "\u2019":
                    self.warn_on(before, "typographic_terminator", "segment terminator typed as U+2019", at)
                if wrapped:
                    self.warn_on(
                        before, "wrapped_segment", "line break inside the segment removed", seg_start
                    )
                seg_start = chunk_start = self.skip_ws(match.end())
                chunks, wrapped = [], False
                if self.ended:
                    return text[seg_start:]
                continue
            current = "".join(chunks) + text[chunk_start:at]
            if not current.strip(_EDGE_JUNK):
                seg_start = chunk_start = self.skip_ws(match.end())
                chunks = []
                continue
            ahead = _LOOKAHEAD.match(text, match.end())
            follows = ahead.group(2) if ahead else ""
            if (
                ahead
                and is_known_tag(ahead.group(1))
                and follows in (syntax.element, syntax.terminator, "\r", "\n", "")
            ):
                before = len(self.segments)
                self.emit(current, text[seg_start:at], seg_start)
                self.warn_on(before, "missing_terminator", "no terminator before the line break", at)
                seg_start = chunk_start = self.skip_ws(match.end())
                chunks, wrapped = [], False
                if self.ended:
                    return text[seg_start:]
            else:
                chunks.append(text[chunk_start:at])
                chunk_start = match.end()
                wrapped = True
        rest = "".join(chunks) + text[chunk_start:]
        if rest.strip(_EDGE_JUNK):
            before = len(self.segments)
            self.emit(rest, text[seg_start:], seg_start)
            self.warn_on(before, "missing_terminator", "the last segment has no terminator", seg_start)
        return ""


def _most_parts(tag: str) -> int:
    """How many parts (the tag and its elements) a segment with this tag may have on the plain path:
    0 for text that is not a tag, unbounded for a tag with no known limit."""
    if not _TAG.fullmatch(tag):
        return 0
    limit = element_limits().get(tag)
    return _UNBOUNDED if limit is None else limit + 1


_UNBOUNDED = 1 << 62


@cache
def _known_most_parts() -> dict[str, int]:
    """:func:`_most_parts` of every tag the readers know, worked out once per process."""
    return {tag: _most_parts(tag) for tag in element_limits()}


def _prelude_note(prelude: str) -> str:
    shown = " ".join(prelude.split())[:60]
    if "\x01" in prelude or prelude.lstrip().startswith("SOH"):
        return f"IATA Type B envelope before the interchange ignored: {shown!r}"
    return f"text before the interchange ignored: {shown!r}"


def tokenize(data: bytes | str, source: str = "<input>") -> Tokenized:
    """Cut an interchange into segments; raises :class:`UnreadableMessage` when there is no EDIFACT."""
    return _tokenize(data, source, True)


def _tokenize(data: bytes | str, source: str, one_pass: bool) -> Tokenized:
    """:func:`tokenize`, with the choice of :meth:`_Scanner.run` (a compiled module's functions
    cannot be monkeypatched, so the tests choose the path here)."""
    if isinstance(data, bytes):
        decoded = decode(data)
        text, encoding, notes = decoded.text, decoded.encoding, decoded.notes
    else:
        text, encoding, notes = data, "str", ()
    found = _START.search(text)
    if not found:
        raise UnreadableMessage(
            "no UN/EDIFACT interchange found (no UNA, UNB or UNH segment)", Locator(source, line=1)
        )
    start = found.start()
    una_notes: list[str] = []
    if text.startswith("UNA", start):
        syntax, body_start, una_notes = read_una(text, start)
    else:
        syntax, body_start = defaults_for(text, start), start
    scanner = _Scanner(text, syntax, source)
    prelude = text[:start]
    if prelude.strip(_EDGE_JUNK):
        scanner.warn("wrapper", _prelude_note(prelude), 0)
    for note in una_notes:
        scanner.warn("service_string", note, start)
    trailer = scanner.run(body_start, one_pass)
    if trailer.strip(_EDGE_JUNK):
        shown = " ".join(trailer.split())[:60]
        scanner.warn("trailing_text", f"text after UNZ ignored: {shown!r}", len(text) - len(trailer))
    issues = list(scanner.issues)
    for offset, note in notes:
        index = bisect.bisect_right(scanner.offsets, offset) - 1
        segment = scanner.segments[index] if index >= 0 else None
        issues.append(
            ParseIssue(
                Severity.WARNING,
                "character_set",
                note,
                Locator(
                    source,
                    segment.position if segment else None,
                    segment.tag if segment else None,
                    None,
                    scanner.line_of(offset),
                ),
            )
        )
    return Tokenized(tuple(scanner.segments), syntax, encoding, tuple(issues), prelude, trailer)

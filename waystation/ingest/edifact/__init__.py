"""UN/EDIFACT: tokenizer, serializer, envelope and multi-part reassembly, shared by PAXLST, PNRGOV, CUSRES."""

from waystation.ingest.edifact.envelope import (
    EdifactMessage,
    GroupHeader,
    Interchange,
    InterchangeHeader,
    MessageHeader,
    read_interchange,
)
from waystation.ingest.edifact.segment import Element, Segment
from waystation.ingest.edifact.serializer import escape, serialize, serialize_text
from waystation.ingest.edifact.syntax import DEFAULT, Syntax
from waystation.ingest.edifact.tokenizer import Tokenized, tokenize

__all__ = [
    "DEFAULT",
    "EdifactMessage",
    "Element",
    "GroupHeader",
    "Interchange",
    "InterchangeHeader",
    "MessageHeader",
    "Segment",
    "Syntax",
    "Tokenized",
    "escape",
    "read_interchange",
    "serialize",
    "serialize_text",
    "tokenize",
]

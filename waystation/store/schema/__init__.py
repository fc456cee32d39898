"""Every table of the store; importing this package registers them all on ``Base.metadata``."""

from waystation.store.schema.alerts import AlertRow, ReviewEntryRow
from waystation.store.schema.audit import AuditHeadRow, AuditRecordRow
from waystation.store.schema.base import Base, BigId
from waystation.store.schema.bookings import (
    BookingLegRow,
    BookingRow,
    BookingTravellerRow,
    PaymentRow,
    PnrPushRow,
)
from waystation.store.schema.cases import CaseEventRow, CaseRow
from waystation.store.schema.clearances import ClearanceRow
from waystation.store.schema.messages import RawMessageBodyRow, RawMessageRow
from waystation.store.schema.policy import CarrierPolicyRow
from waystation.store.schema.retention import MaskedRecordRow, MessageRetentionRow, UnmaskRequestRow
from waystation.store.schema.screening import HitRow, RunListRow, ScreeningRunRow
from waystation.store.schema.sharing import PartnerRow, ShareRow
from waystation.store.schema.travel import (
    AddressRow,
    ContactRow,
    FlightRow,
    ManifestLegRow,
    ManifestRow,
    TravelDocumentRow,
    TravellerRow,
)
from waystation.store.schema.users import ApiTokenRow, UserRow
from waystation.store.schema.watchlists import (
    EntryBodyRow,
    ListChangeRow,
    ListEntryRow,
    ListVersionRow,
    WatchlistRow,
)

metadata = Base.metadata

__all__ = [
    "AddressRow",
    "AlertRow",
    "ApiTokenRow",
    "AuditHeadRow",
    "AuditRecordRow",
    "Base",
    "BigId",
    "BookingLegRow",
    "BookingRow",
    "BookingTravellerRow",
    "CarrierPolicyRow",
    "CaseEventRow",
    "CaseRow",
    "ClearanceRow",
    "ContactRow",
    "EntryBodyRow",
    "FlightRow",
    "HitRow",
    "ListChangeRow",
    "ListEntryRow",
    "ListVersionRow",
    "ManifestLegRow",
    "ManifestRow",
    "MaskedRecordRow",
    "MessageRetentionRow",
    "PartnerRow",
    "PaymentRow",
    "PnrPushRow",
    "RawMessageBodyRow",
    "RawMessageRow",
    "ReviewEntryRow",
    "RunListRow",
    "ScreeningRunRow",
    "ShareRow",
    "TravelDocumentRow",
    "TravellerRow",
    "UnmaskRequestRow",
    "UserRow",
    "WatchlistRow",
    "metadata",
]

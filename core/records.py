"""The records that front doors receive from the use cases, as storage keeps them.

Front doors (bot, CLI, web) import these names from here, never from `storage`:
the rows are plain frozen dataclasses, and this module is where a row type becomes
part of core's contract.
"""

from __future__ import annotations

from eventlens.storage.batches import Batch as Batch
from eventlens.storage.events import Event as Event
from eventlens.storage.events import EventCounts as EventCounts
from eventlens.storage.guest_files import GuestFileKind as GuestFileKind
from eventlens.storage.guests import Join as Join
from eventlens.storage.guests import JoinVia as JoinVia
from eventlens.storage.jobs import Skip as Skip
from eventlens.storage.members import Membership as Membership
from eventlens.storage.members import Role as Role
from eventlens.storage.photos import Photo as Photo
from eventlens.storage.privacy import PrivacyReport as PrivacyReport
from eventlens.storage.sales import Order as Order
from eventlens.storage.sales import Payment as Payment
from eventlens.storage.sales import Price as Price
from eventlens.storage.sales import SalesCount as SalesCount
from eventlens.storage.search_log import AuditRow as AuditRow
from eventlens.storage.telegram_files import FileKind as FileKind

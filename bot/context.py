"""What the Dispatcher injects into handlers, by parameter name.

Built once in `bot.app` and passed as `Dispatcher(**injected)`. Handlers name these
keys as parameters (`access: Access`, `guests: GuestDesk`), plus aiogram's own
(`bot`, `state`) and the middlewares' (`caller: Caller`, `i18n: I18n`). The TypedDict
lets mypy check the names.
"""

from __future__ import annotations

from typing import TypedDict

from eventlens.bot.guest.album_sender import AlbumSender
from eventlens.bot.guest.stars import Deliveries
from eventlens.bot.links import Links
from eventlens.bot.uploads.receive import Receiver
from eventlens.core.culling.desk import CullDesk
from eventlens.core.events.access import Access
from eventlens.core.events.dashboard import EventDashboard
from eventlens.core.events.desk import EventDesk
from eventlens.core.events.modes import Modes
from eventlens.core.events.watermark import Watermarks
from eventlens.core.guests.desk import GuestDesk
from eventlens.core.guests.hiding import PhotoHiding
from eventlens.core.ingest.camera import CameraDesk
from eventlens.core.people.desk import PeopleDesk
from eventlens.core.sales.ledger import Ledger
from eventlens.core.sales.orders import Orders
from eventlens.core.sales.pricing import Pricing
from eventlens.settings import Settings


class Injected(TypedDict):
    settings: Settings
    access: Access
    modes: Modes
    desk: EventDesk
    dashboard: EventDashboard
    people_desk: PeopleDesk
    receiver: Receiver
    links: Links
    guests: GuestDesk
    sender: AlbumSender
    camera: CameraDesk
    hiding: PhotoHiding
    pricing: Pricing
    orders: Orders
    ledger: Ledger
    deliveries: Deliveries
    watermarks: Watermarks
    cull: CullDesk

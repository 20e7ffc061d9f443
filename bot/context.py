"""What the Dispatcher injects into handlers, by parameter name.

Built once in `bot.app` and passed as `Dispatcher(**injected)`. Handlers name these
keys as parameters (`access: Access`), plus aiogram's own (`bot`, `state`) and the
middlewares' (`caller: Caller`, `i18n: I18n`). The TypedDict lets mypy check the names.
"""

from __future__ import annotations

from typing import TypedDict

from bot.guest.album_sender import AlbumSender
from bot.services.access import Access
from bot.services.event_desk import EventDesk
from bot.services.links import Links
from bot.uploads.receive import Receiver
from eventlens.services import Services
from eventlens.settings import Settings


class Injected(TypedDict):
    settings: Settings
    services: Services
    access: Access
    desk: EventDesk
    receiver: Receiver
    links: Links
    sender: AlbumSender

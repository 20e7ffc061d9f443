"""/ftp: the selected event's camera login (host, port, user, password, passive ports)
with a button that sets a new password. Camera uploads then report to this chat."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from eventlens.bot.filters import is_photographer
from eventlens.bot.middlewares.caller import Caller
from eventlens.core.events.access import Access
from eventlens.core.ingest.camera import CameraDesk
from eventlens.core.records import Event
from eventlens.settings import Settings
from eventlens.storage.camera_logins import CameraLogin


class FtpRotation(CallbackData, prefix="ftpnew"):
    event_id: str


def _rotation(event: Event) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("New password"), callback_data=FtpRotation(event_id=event.id))
    return builder.as_markup()


def _settings_text(event: Event, login: CameraLogin, settings: Settings) -> str:
    low, high = settings.ftp_passive_ports
    secure = _("FTPS (explicit TLS)") if settings.ftp_tls_cert else _("none (plain FTP)")
    return _(
        "Camera upload (FTP) for «{event}»:\n"
        "Host: {host}\nPort: {port}\nUser: {user}\nPassword: {password}\n"
        "Passive ports: {low}-{high}\nEncryption: {secure}\n\n"
        "On the camera or its transmitter app: add an FTP server with these settings, "
        "passive mode on, any folder. Progress of camera uploads comes to this chat."
    ).format(
        event=event.name,
        host=settings.ftp_advertised_host,
        port=settings.ftp_port,
        user=login.username,
        password=login.password,
        low=low,
        high=high,
        secure=secure,
    )


async def ftp(
    message: Message, caller: Caller, access: Access, camera: CameraDesk, settings: Settings
) -> None:
    if settings.ftp_port is None:
        await message.answer(
            _(
                "The FTP server for cameras is off: the bot's operator turns it on with "
                "EVENTLENS_FTP_PORT."
            )
        )
        return
    event = await access.selected(caller.id)
    login = await camera.show(event, caller.id, message.chat.id, caller.locale)
    await message.answer(_settings_text(event, login, settings), reply_markup=_rotation(event))


async def rotate(
    callback: CallbackQuery,
    callback_data: FtpRotation,
    caller: Caller,
    access: Access,
    camera: CameraDesk,
    settings: Settings,
) -> None:
    event = await access.event_for(caller.id, callback_data.event_id)
    chat_id = callback.message.chat.id if callback.message else caller.id
    login = await camera.rotate(event, caller.id, chat_id, caller.locale)
    await callback.answer(_("New password set: enter it on the camera."))
    if isinstance(callback.message, Message):
        await callback.message.edit_text(
            _settings_text(event, login, settings), reply_markup=_rotation(event)
        )


def router() -> Router:
    built = Router(name=__name__)
    built.message.register(ftp, Command("ftp"), is_photographer)
    built.callback_query.register(rotate, FtpRotation.filter())
    return built

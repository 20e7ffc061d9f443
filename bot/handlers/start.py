"""/start with an invite link, and the photographers' /start and /help."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import Message
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from eventlens.bot.commands import register_photographer
from eventlens.bot.filters import is_photographer
from eventlens.bot.handlers.event_choice import uploads_again
from eventlens.bot.links import INVITE_PREFIX
from eventlens.bot.middlewares.caller import Caller
from eventlens.core.events.desk import EventDesk
from eventlens.core.events.modes import Modes


async def join_by_invite(
    message: Message,
    command: CommandObject,
    caller: Caller,
    desk: EventDesk,
    bot: Bot,
    i18n: I18n,
    modes: Modes,
) -> None:
    before = await modes.mode(caller.id)
    token = (command.args or "").removeprefix(INVITE_PREFIX)
    joined = await desk.join(caller.id, token, caller.name)
    if joined.role == "owner":
        text = _("You own «{event}»; photos you send here go to it.")
    elif joined.new:
        text = _(
            "Welcome! You are now a photographer for «{event}». Send photos, albums or ZIP "
            "files here and they go to this event. /help tells you more."
        )
        await register_photographer(bot, i18n, message.chat.id)
    else:
        text = _("You are already a photographer for «{event}»; it is selected for your uploads.")
    text = text.format(event=joined.event.name)
    if before == "selfie":
        text += "\n" + uploads_again()
    await message.answer(text)


async def photographer_help(message: Message, caller: Caller, bot: Bot, i18n: I18n) -> None:
    if caller.is_admin:
        await register_photographer(bot, i18n, message.chat.id)
    await message.answer(
        _(
            "EventLens finds every photo a guest is in, from one selfie.\n\n"
            "1. /newevent creates an event and gives you its QR code for guests.\n"
            "2. Send photos here: single photos, albums, originals as files (JPEG, PNG, "
            "WebP, HEIC) or ZIP archives. One message shows the indexing progress.\n"
            "3. Guests scan the QR code, send a selfie and get their photos.\n\n"
            "/use picks the event your uploads go to, /qr re-sends its code, /events and "
            "/stats show the numbers, reply /delete to a photo to remove it, /close stops "
            "uploads, /delete_event removes everything."
        )
    )


def router() -> Router:
    built = Router(name=__name__)
    built.message.register(
        join_by_invite, CommandStart(deep_link=True, magic=F.args.startswith(INVITE_PREFIX))
    )
    # Plain /start only: /start ev_... from a photographer is a guest link (guest side).
    built.message.register(photographer_help, CommandStart(magic=F.args.is_(None)), is_photographer)
    built.message.register(photographer_help, Command("help"), is_photographer)
    return built

"""The bot's composition root: one Bot, one Dispatcher, services injected by name.

`build` wires stores and services into the Dispatcher (see `bot.context.Injected`),
the middlewares and every router; `serve` registers the command menus, starts the
share-link gallery (aiohttp, EVENTLENS_WEB_HOST:EVENTLENS_WEB_PORT), the background
loops (indexing, unpacking: unless `eventlens worker` processes do it), progress
messages, live updates to followers and paid originals not delivered yet, and
receives updates by long polling, or by webhook when EVENTLENS_WEBHOOK_URL is set,
until `stop` is set.
Shutdown order: stop receiving, let handlers in progress finish, stop the loops
(claimed jobs go back to the queue), close the HTTP session.
"""

from __future__ import annotations

import asyncio
import contextlib
import gettext
import logging
from dataclasses import dataclass
from urllib.parse import urlparse

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.utils.i18n import I18n
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web

from eventlens.bot.commands import register_default, register_photographer
from eventlens.bot.context import Injected
from eventlens.bot.fsm_storage import open_fsm_storage
from eventlens.bot.guest.album_sender import AlbumSender
from eventlens.bot.guest.pusher import IDLE_SECONDS, POLL_SECONDS, Pusher
from eventlens.bot.guest.stars import Deliveries
from eventlens.bot.handlers import routers
from eventlens.bot.i18n import build_i18n, languages
from eventlens.bot.links import Links
from eventlens.bot.middlewares.caller import CallerMiddleware
from eventlens.bot.middlewares.in_flight import InFlightMiddleware
from eventlens.bot.middlewares.locale import LocaleMiddleware
from eventlens.bot.middlewares.private_only import PrivateOnlyMiddleware
from eventlens.bot.uploads.receive import Receiver, clear_incoming
from eventlens.bot.uploads.reporter import Reporter
from eventlens.bot.web.gallery import Gallery, start_gallery
from eventlens.bot.web.mini_app import MiniApp
from eventlens.core.errors import SetupError
from eventlens.core.guests.pacing import ChatPace
from eventlens.core.reasons import Code
from eventlens.services import Services
from eventlens.settings import Settings

logger = logging.getLogger(__name__)

# Handlers still running at shutdown get this long to finish (a download, a ZIP).
HANDLER_GRACE_SECONDS = 20.0
POLLING_TIMEOUT_SECONDS = 10


@dataclass
class BotApp:
    settings: Settings
    bot: Bot
    dispatcher: Dispatcher
    i18n: I18n
    services: Services
    reporter: Reporter
    in_flight: InFlightMiddleware
    pusher: Pusher
    gallery: Gallery
    deliveries: Deliveries
    # Where the gallery listens once `serve` started it (host, port).
    gallery_address: tuple[str, int] | None = None
    # Whether this process runs the indexing loops (else `eventlens worker` does).
    worker: bool = True


def telegram_session(settings: Settings) -> AiohttpSession:
    if settings.telegram_api_url:
        server = TelegramAPIServer.from_base(
            settings.telegram_api_url, is_local=settings.telegram_api_local
        )
        return AiohttpSession(api=server)
    return AiohttpSession()


def require_token(settings: Settings) -> str:
    if settings.bot_token is None or not settings.bot_token.get_secret_value().strip():
        raise SetupError(Code.BOT_TOKEN_MISSING)
    return settings.bot_token.get_secret_value().strip()


async def build(
    settings: Settings,
    services: Services,
    session: BaseSession | None = None,
    *,
    worker: bool = True,
) -> BotApp:
    """The bot on `session` (default: HTTP to the configured Bot API; tests pass their own).

    `worker`: run the indexing loops here; without it, separate `eventlens worker`
    processes index, and live updates are found by looking at the queue every few seconds.
    """
    bot = Bot(require_token(settings), session=session or telegram_session(settings))
    try:
        me = await bot.me()
        storage = await open_fsm_storage(settings)
    except BaseException:
        await bot.session.close()
        raise
    i18n = await asyncio.to_thread(build_i18n, settings.cache_dir)
    reporter = Reporter(bot, i18n, services.batches)
    services.loops.listen(on_upload=reporter.wake_now, on_progress=reporter.wake)
    sender = AlbumSender(services.album_files, ChatPace(settings.guest_messages_per_second))
    deliveries = Deliveries(services.ledger, sender)
    injected = Injected(
        settings=settings,
        access=services.access,
        modes=services.modes,
        desk=services.desk,
        dashboard=services.dashboard,
        people_desk=services.people_desk,
        receiver=Receiver(bot, services.intake, settings),
        links=Links(me.username or str(me.id)),
        guests=services.guests,
        sender=sender,
        camera=services.camera,
        hiding=services.hiding,
        pricing=services.pricing,
        orders=services.orders,
        ledger=services.ledger,
        deliveries=deliveries,
        watermarks=services.watermarks,
        cull=services.cull,
    )
    dispatcher = Dispatcher(storage=storage, **injected)
    in_flight = InFlightMiddleware()
    dispatcher.update.outer_middleware(in_flight)
    LocaleMiddleware(i18n, services.guests.language).setup(dispatcher)
    caller = CallerMiddleware(settings.admin_ids, languages(i18n))
    private_only = PrivateOnlyMiddleware()
    for name, observer in dispatcher.observers.items():
        if name not in ("update", "error"):
            observer.outer_middleware(private_only)
        if name != "update":
            observer.outer_middleware(caller)
    dispatcher.include_routers(*routers())
    logger.info("bot @%s ready, languages %s", me.username, ", ".join(languages(i18n)))
    translations = {"en": gettext.NullTranslations(), **i18n.locales}
    gallery = Gallery(
        services.shared_albums, translations, MiniApp(services.mini_app, translations)
    )
    pusher = Pusher(
        bot, i18n, services.live_updates, sender, IDLE_SECONDS if worker else POLL_SECONDS
    )
    parts = (settings, bot, dispatcher, i18n, services, reporter, in_flight, pusher, gallery)
    return BotApp(*parts, deliveries, worker=worker)


async def serve(app: BotApp, stop: asyncio.Event) -> None:
    """Receive updates until `stop` is set, then shut down in order."""
    gallery: web.AppRunner | None = None
    pusher: asyncio.Task[None] | None = None
    reporter: asyncio.Task[None] | None = None
    deliveries: asyncio.Task[None] | None = None
    try:
        await asyncio.to_thread(clear_incoming, app.settings.incoming_dir)
        await register_default(app.bot, app.i18n)
        for admin in sorted(app.settings.admin_ids):
            await register_photographer(app.bot, app.i18n, admin)
        gallery = await start_gallery(app.gallery, app.settings.web_host, app.settings.web_port)
        app.gallery_address = tuple(gallery.addresses[0][:2])
        if app.worker:
            await app.services.loops.start()
        reporter = asyncio.create_task(app.reporter.run(), name="progress-reporter")
        pusher = asyncio.create_task(app.pusher.run(), name="live-updates")
        deliveries = asyncio.create_task(app.deliveries.run(app.bot), name="paid-originals")
        if app.settings.webhook_url:
            await _serve_webhook(app, app.settings.webhook_url, stop)
        else:
            await _serve_polling(app, stop)
    finally:
        if not await app.in_flight.drained(HANDLER_GRACE_SECONDS):
            logger.warning("shutting down with handlers still running")
        for task in (pusher, reporter, deliveries):
            if task is not None:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        await app.services.loops.stop()
        if gallery is not None:
            await gallery.cleanup()
        await app.dispatcher.storage.close()
        await app.bot.session.close()
        logger.info("bot stopped")


async def _serve_polling(app: BotApp, stop: asyncio.Event) -> None:
    await app.bot.delete_webhook(drop_pending_updates=False)
    polling = asyncio.create_task(
        app.dispatcher.start_polling(
            app.bot,
            polling_timeout=POLLING_TIMEOUT_SECONDS,
            handle_signals=False,
            close_bot_session=False,
        )
    )
    stopping = asyncio.create_task(stop.wait())
    await asyncio.wait({polling, stopping}, return_when=asyncio.FIRST_COMPLETED)
    if not polling.done():
        with contextlib.suppress(RuntimeError):  # not started yet
            await app.dispatcher.stop_polling()
        try:
            await asyncio.wait_for(polling, POLLING_TIMEOUT_SECONDS)
        except TimeoutError:
            logger.warning("polling did not stop in time")
    stopping.cancel()
    if polling.done() and not polling.cancelled():
        polling.result()  # re-raise if polling itself crashed


async def _serve_webhook(app: BotApp, url: str, stop: asyncio.Event) -> None:
    settings = app.settings
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
    handler = SimpleRequestHandler(app.dispatcher, app.bot, secret_token=secret)
    web_app = web.Application()
    # Not `handler.register`: that would close the bot session before our shutdown.
    web_app.router.add_post(urlparse(url).path or "/", handler.handle)
    runner = web.AppRunner(web_app)
    await runner.setup()
    await web.TCPSite(runner, settings.webhook_host, settings.webhook_port).start()
    await app.bot.set_webhook(
        url,
        secret_token=secret,
        allowed_updates=app.dispatcher.resolve_used_update_types(),
    )
    logger.info("webhook %s on %s:%d", url, settings.webhook_host, settings.webhook_port)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()

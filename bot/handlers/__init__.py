"""All routers, in the order updates try them."""

from __future__ import annotations

from aiogram import Router

from eventlens.bot.handlers import (
    cull,
    errors,
    event_admin,
    event_choice,
    fallback,
    ftp,
    guest,
    hiding,
    members,
    new_event,
    people,
    photo_delete,
    sales,
    searches,
    start,
    uploads,
    watermark,
)


def routers() -> list[Router]:
    """Fresh routers for one Dispatcher. Feature routers go before `fallback`, which
    answers whatever nobody else did."""
    return [
        guest.error_router(),
        errors.router(),
        start.router(),
        new_event.router(),
        event_choice.router(),
        event_admin.router(),
        members.router(),
        ftp.router(),
        searches.router(),
        hiding.router(),
        sales.router(),
        cull.router(),
        people.router(),
        watermark.router(),
        photo_delete.router(),
        uploads.router(),
        *guest.routers(),
        fallback.router(),
    ]

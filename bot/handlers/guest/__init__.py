"""The guest side: join, consent, selfie search and album, follow, links, privacy."""

from __future__ import annotations

from aiogram import Router

from eventlens.bot.handlers.guest import (
    album,
    errors,
    follow,
    help,
    join,
    language,
    links,
    privacy,
    selfie,
    stars,
)


def routers() -> list[Router]:
    """Guest routers in the order they try updates; `errors` goes before the shared one."""
    return [
        join.router(),
        selfie.router(),
        album.router(),
        stars.router(),
        follow.router(),
        links.router(),
        privacy.router(),
        language.router(),
        help.router(),
    ]


def error_router() -> Router:
    return errors.router()

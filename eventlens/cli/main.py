"""Argument parsing and dispatch; each command lives in its own module."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Sequence

from pydantic import ValidationError

from eventlens.cli.output import CliError, sentence
from eventlens.core.errors import EventLensError
from eventlens.settings import Settings

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="machine-readable output on stdout")
    common.add_argument("-v", "--verbose", action="store_true", help="log what happens")

    parser = argparse.ArgumentParser(
        prog="eventlens", description="Find every event photo a guest is in, from one selfie."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    index = commands.add_parser(
        "index", parents=[common], help="index photos, folders and ZIPs into an event"
    )
    index.add_argument("--event", required=True, metavar="SLUG")
    index.add_argument(
        "--queue", action="store_true", help="only store and queue them for `eventlens worker`"
    )
    index.add_argument("paths", nargs="+", metavar="PATH")

    find = commands.add_parser("find", parents=[common], help="find a person's photos")
    find.add_argument("--event", required=True, metavar="SLUG")
    find.add_argument("selfies", nargs="+", metavar="SELFIE")

    commands.add_parser("demo", parents=[common], help="run the offline demo")

    event = commands.add_parser("event", help="manage events")
    event_commands = event.add_subparsers(dest="event_command", required=True, metavar="ACTION")
    event_commands.add_parser("list", parents=[common], help="list events with counts")
    card = event_commands.add_parser(
        "card", parents=[common], help="write the printable table cards (A6, A5) as a PDF"
    )
    card.add_argument("--event", required=True, metavar="SLUG")
    card.add_argument("--pdf", required=True, metavar="FILE.pdf")
    card.add_argument("--bot", required=True, metavar="USERNAME", help="the bot's @username")

    run = commands.add_parser(
        "run", parents=[common], help="start the Telegram bot (EVENTLENS_BOT_TOKEN)"
    )
    run.add_argument(
        "--no-worker",
        action="store_true",
        help="leave indexing to `eventlens worker` processes (needs EVENTLENS_CHROMA_URL)",
    )
    commands.add_parser(
        "worker", parents=[common], help="index queued photos without the bot, until stopped"
    )

    commands.add_parser(
        "ftp", parents=[common], help="run only the FTP server for cameras (EVENTLENS_FTP_PORT)"
    )

    watch = commands.add_parser(
        "watch", parents=[common], help="index photos as they appear in a folder (tethering)"
    )
    watch.add_argument("--event", required=True, metavar="SLUG")
    watch.add_argument("folder", metavar="DIR")

    people = commands.add_parser(
        "people", parents=[common], help="list the people found in an event's photos"
    )
    people.add_argument("--event", required=True, metavar="SLUG")
    people.add_argument("--sheet", metavar="FILE.jpg", help="also write a contact sheet JPEG")
    fix = people.add_mutually_exclusive_group()
    fix.add_argument("--name", nargs=2, metavar=("N", "NAME"), help="name person #N")
    fix.add_argument(
        "--merge", nargs=2, type=int, metavar=("KEEP", "GONE"), help="merge #GONE into #KEEP"
    )
    fix.add_argument(
        "--split", nargs="+", type=int, metavar="N", help="N FACE...: faces leave person #N"
    )
    fix.add_argument(
        "--rebuild", action="store_true", help="re-cluster the whole event, keeping corrections"
    )

    watermark = commands.add_parser(
        "watermark", parents=[common], help="show, set or clear the watermark on guests' previews"
    )
    watermark.add_argument("--event", required=True, metavar="SLUG")
    content = watermark.add_mutually_exclusive_group()
    content.add_argument("--text", metavar="TEXT", help="a text watermark, e.g. '© Studio'")
    content.add_argument("--logo", metavar="FILE", help="a logo image (PNG keeps transparency)")
    content.add_argument("--clear", action="store_true", help="guests' previews go plain")
    watermark.add_argument(
        "--position",
        metavar="WHERE",
        help="bottom_right, bottom_left, top_right, top_left, center or tiled",
    )
    watermark.add_argument(
        "--size", type=float, metavar="SHARE", help="long side / photo's short side (0.05-0.8)"
    )
    watermark.add_argument("--opacity", type=float, metavar="0-1")
    watermark.add_argument(
        "--try", dest="try_on", metavar="FILE.jpg", help="write a preview with it; save nothing"
    )

    stats = commands.add_parser("stats", parents=[common], help="an event's dashboard numbers")
    stats.add_argument("--event", required=True, metavar="SLUG")

    price = commands.add_parser(
        "price", parents=[common], help="sell an event's originals for Telegram Stars, or not"
    )
    price.add_argument("--event", required=True, metavar="SLUG")
    priced = price.add_mutually_exclusive_group()
    priced.add_argument("--free", action="store_true", help="originals are free (the default)")
    priced.add_argument("--photo", type=int, metavar="STARS", help="Stars per photo")
    price.add_argument("--album", type=int, metavar="STARS", help="Stars per whole album")

    cull = commands.add_parser(
        "cull", parents=[common], help="list photos to cull: blurred, eyes closed, duplicates"
    )
    cull.add_argument("--event", required=True, metavar="SLUG")

    reindex = commands.add_parser(
        "reindex",
        parents=[common],
        help="rebuild an event's vector index from SQLite, on the Chroma server it belongs to",
    )
    which = reindex.add_mutually_exclusive_group(required=True)
    which.add_argument("--event", metavar="SLUG")
    which.add_argument(
        "--moved",
        action="store_true",
        help="every event whose collection is not on the server EVENTLENS_CHROMA_URL places it on",
    )
    return parser


async def _dispatch(arguments: argparse.Namespace, settings: Settings) -> int:
    """Import only the command that runs: `run` pulls in aiogram, whose ~1,000 pydantic
    models take seconds to build, which `find` and `index` should not pay for."""
    command = arguments.command
    if command == "index":
        from eventlens.cli import index

        return await index.run(
            settings, arguments.event, arguments.paths, arguments.json, arguments.queue
        )
    if command == "find":
        from eventlens.cli import find

        return await find.run(settings, arguments.event, arguments.selfies, arguments.json)
    if command == "demo":
        from eventlens.cli import demo

        return await demo.run(settings, arguments.json)
    if command == "run":
        from eventlens.cli import run

        return await run.run(settings, worker=not arguments.no_worker)
    if command == "worker":
        from eventlens.cli import worker

        return await worker.run(settings)
    if command == "ftp":
        from eventlens.cli import ftp

        return await ftp.run(settings)
    if command == "watch":
        from eventlens.cli import watch

        return await watch.run(settings, arguments.event, arguments.folder, arguments.json)
    if command == "people":
        from eventlens.cli import people

        change = people.Change(arguments.name, arguments.merge, arguments.split, arguments.rebuild)
        return await people.run(settings, arguments.event, arguments.sheet, arguments.json, change)
    if command == "watermark":
        from eventlens.cli import watermark

        marking = watermark.Change(
            arguments.text,
            arguments.logo,
            arguments.clear,
            arguments.position,
            arguments.size,
            arguments.opacity,
            arguments.try_on,
        )
        return await watermark.run(settings, arguments.event, marking, arguments.json)
    if command == "stats":
        from eventlens.cli import stats

        return await stats.run(settings, arguments.event, arguments.json)
    if command == "price":
        from eventlens.cli import price

        if (arguments.photo is None) != (arguments.album is None):
            raise CliError("--photo and --album go together.")
        return await price.run(
            settings,
            arguments.event,
            arguments.photo,
            arguments.album,
            arguments.free,
            arguments.json,
        )
    if command == "cull":
        from eventlens.cli import cull

        return await cull.run(settings, arguments.event, arguments.json)
    if command == "event" and arguments.event_command == "card":
        from eventlens.cli import card

        return await card.run(
            settings, arguments.event, arguments.bot, arguments.pdf, arguments.json
        )
    if command == "event":
        from eventlens.cli import event_list

        return await event_list.run(settings, arguments.json)
    from eventlens.cli import reindex

    return await reindex.run(settings, arguments.event, arguments.json)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO
        if arguments.verbose or arguments.command in ("run", "ftp", "worker")
        else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        settings = Settings()
        return asyncio.run(_dispatch(arguments, settings))
    except ValidationError as error:
        first = error.errors()[0]
        print(f"eventlens: bad setting {first['loc'][0]}: {first['msg']}", file=sys.stderr)
    except EventLensError as error:
        print(f"eventlens: {sentence(error.why)}", file=sys.stderr)
    except CliError as error:
        print(f"eventlens: {error}", file=sys.stderr)
    except KeyboardInterrupt:
        print("eventlens: interrupted; run the same command again to resume", file=sys.stderr)
        return 130
    return 1

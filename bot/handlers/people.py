"""/people: a contact sheet of the people found in the selected event's photos;
/name, /merge, /person and /split correct them by the numbers the sheets show."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from eventlens.bot.filters import is_photographer
from eventlens.bot.middlewares.caller import Caller
from eventlens.bot.uploads.render import number
from eventlens.core.events.desk import EventDesk
from eventlens.core.people.desk import PeopleDesk


def _numbers(command: CommandObject) -> list[int] | None:
    words = (command.args or "").split()
    return [int(word) for word in words] if words and all(w.isdigit() for w in words) else None


def _usage() -> str:
    return _(
        "/name 1 Bride names person #1; /merge 1 4 joins #4 into #1; /person 1 shows the "
        "faces of #1; /split 1 3 5 takes its faces 3 and 5 out."
    )


async def people(
    message: Message, caller: Caller, desk: EventDesk, people_desk: PeopleDesk
) -> None:
    found = await desk.people(caller.id)
    if found.sheet is None:
        await message.answer(
            _(
                "No one appears in more than one photo of «{event}» yet. People are grouped "
                "a minute after uploads finish."
            ).format(event=found.event.name)
        )
        return
    caption = ngettext(
        "«{event}»: {count} person appears in several photos; the largest groups are shown.",
        "«{event}»: {count} people appear in several photos; the largest groups are shown.",
        found.recurring,
    ).format(event=found.event.name, count=number(found.recurring))
    named = await people_desk.named(caller.id)
    if named:
        listed = ", ".join(f"#{n} {name}" for n, name in named)
        caption += "\n" + _("Named: {people}").format(people=listed)
    await message.answer_photo(
        BufferedInputFile(found.sheet, filename=f"{found.event.slug}-people.jpg"), caption=caption
    )


async def name(
    message: Message, command: CommandObject, caller: Caller, people_desk: PeopleDesk
) -> None:
    number_text, _space, text = (command.args or "").strip().partition(" ")
    if not number_text.isdigit():
        await message.answer(_usage())
        return
    done = await people_desk.name(caller.id, int(number_text), text)
    await message.answer(
        _("Person #{number} is now «{name}».").format(
            number=done.person.number, name=done.person.person.name
        )
    )


async def merge(
    message: Message, command: CommandObject, caller: Caller, people_desk: PeopleDesk
) -> None:
    numbers = _numbers(command)
    if numbers is None or len(numbers) != 2:
        await message.answer(_usage())
        return
    done = await people_desk.merge(caller.id, numbers[0], numbers[1])
    await message.answer(
        ngettext(
            "Merged: person #{number} is now in {count} photo.",
            "Merged: person #{number} is now in {count} photos.",
            done.person.person.photo_count,
        ).format(number=done.person.number, count=number(done.person.person.photo_count))
    )


async def person(
    message: Message, command: CommandObject, caller: Caller, people_desk: PeopleDesk
) -> None:
    numbers = _numbers(command)
    if numbers is None or len(numbers) != 1:
        await message.answer(_usage())
        return
    found = await people_desk.faces(caller.id, numbers[0])
    caption = _(
        "The faces of person #{number}. /split {number} and the numbers of wrong faces "
        "takes them out."
    ).format(number=found.number)
    if found.sheet is None:
        await message.answer(caption)
        return
    await message.answer_photo(
        BufferedInputFile(found.sheet, filename=f"{found.event.slug}-person.jpg"), caption=caption
    )


async def split(
    message: Message, command: CommandObject, caller: Caller, people_desk: PeopleDesk
) -> None:
    numbers = _numbers(command)
    if numbers is None or len(numbers) < 2:
        await message.answer(_usage())
        return
    _event, moved = await people_desk.split(caller.id, numbers[0], numbers[1:])
    await message.answer(
        ngettext(
            "{count} face taken out of person #{number}; it will not join again.",
            "{count} faces taken out of person #{number}; they will not join again.",
            moved,
        ).format(count=number(moved), number=numbers[0])
    )


def router() -> Router:
    built = Router(name=__name__)
    built.message.register(people, Command("people"), is_photographer)
    built.message.register(name, Command("name"), is_photographer)
    built.message.register(merge, Command("merge"), is_photographer)
    built.message.register(person, Command("person"), is_photographer)
    built.message.register(split, Command("split"), is_photographer)
    return built

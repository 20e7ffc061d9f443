"""/people: the contact sheet of people seen in several photos of the selected event."""

from __future__ import annotations

import re

import cv2
import numpy as np
from aiogram.methods import SendPhoto
from aiogram.types import BufferedInputFile
from numpy.typing import NDArray

from eventlens.core.people.clusters import recluster
from tests.bot.handlers.steps import event_card
from tests.bot.harness import ADMIN, BotHarness
from tests.conftest import jpeg


async def test_before_grouping_it_says_when_people_appear(harness: BotHarness) -> None:
    await event_card(harness, "Wedding")
    replies = await harness.send(ADMIN, "/people")
    assert replies.texts == [
        "No one appears in more than one photo of «Wedding» yet. People are grouped a minute "
        "after uploads finish."
    ]


async def test_people_in_two_photos_get_a_contact_sheet(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    await event_card(harness, "Wedding")
    for quality in (92, 80):  # the same six people, in two different files
        assert (await harness.send_photo(ADMIN, jpeg(t1_image, quality))).texts == []
    services = harness.app.services
    await services.indexer.work(lambda: True)
    (event,) = [line.membership.event for line in await services.desk.events(ADMIN.id)]
    await recluster(services.photos, services.people, event.id, services.thresholds)
    replies = await harness.send(ADMIN, "/people")
    (sheet,) = replies.of(SendPhoto)
    assert sheet.caption == (
        "«Wedding»: 6 people appear in several photos; the largest groups are shown."
    )
    assert isinstance(sheet.photo, BufferedInputFile)
    decoded = cv2.imdecode(np.frombuffer(sheet.photo.data, np.uint8), cv2.IMREAD_COLOR)
    assert decoded is not None and decoded.shape[0] > 100


async def test_people_are_named_merged_and_split_by_their_numbers(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    await event_card(harness, "Wedding")
    for quality in (92, 80):
        await harness.send_photo(ADMIN, jpeg(t1_image, quality))
    services = harness.app.services
    await services.indexer.work(lambda: True)
    (event,) = [line.membership.event for line in await services.desk.events(ADMIN.id)]
    await recluster(services.photos, services.people, event.id, services.thresholds)

    assert (await harness.send(ADMIN, "/name 1 Bride")).texts == ["Person #1 is now «Bride»."]
    (faces,) = (await harness.send(ADMIN, "/person 1")).of(SendPhoto)
    assert faces.caption is not None and faces.caption.startswith("The faces of person #1.")
    assert (await harness.send(ADMIN, "/split 1 2")).texts == [
        "1 face taken out of person #1; it will not join again."
    ]
    (person,) = [p for p in await services.people.of_event(event.id) if p.name == "Bride"]
    assert person.photo_count == 1
    (sheet,) = (await harness.send(ADMIN, "/people")).of(SendPhoto)
    assert sheet.caption is not None
    assert re.search(r"\nNamed: #\d+ Bride$", sheet.caption), "after the five of two photos"
    assert (await harness.send(ADMIN, "/merge 1 99")).texts == [
        "There is no person #99: /people shows the numbers."
    ]
    assert (await harness.send(ADMIN, "/name 1")).texts == [
        "A name is 1 to 40 characters: for example /name 1 Bride."
    ]
    assert (await harness.send(ADMIN, "/merge 1")).texts[0].startswith("/name 1 Bride names")

"""Printing helpers shared by the commands: JSON on stdout, or plain English text.

Reasons from core are rendered here and nowhere else in the CLI: `phrase` for a
line inside a list, `sentence` for the one line an error prints.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from eventlens.core.reasons import Reason, english


class CliError(Exception):
    """A failure that belongs to the CLI itself, already worded as one sentence."""


def phrase(reason: Reason) -> str:
    return english(reason)


def sentence(reason: Reason) -> str:
    text = english(reason)
    return f"{text[:1].upper()}{text[1:]}."


def emit_json(payload: dict[str, Any]) -> None:
    json.dump(payload, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


def say(line: str = "") -> None:
    print(line)

"""Printing helpers shared by the commands: JSON on stdout, or plain text."""

from __future__ import annotations

import json
import sys
from typing import Any


def emit_json(payload: dict[str, Any]) -> None:
    json.dump(payload, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


def say(line: str = "") -> None:
    print(line)

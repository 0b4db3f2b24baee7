"""Defaults, read from the shipped ``data/settings.toml``."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def settings() -> dict[str, Any]:
    with resources.files("rasid.data").joinpath("settings.toml").open("rb") as fh:
        return tomllib.load(fh)


def get(section: str, key: str) -> Any:
    return settings()[section][key]

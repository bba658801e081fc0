"""The exchange services' one door to the bundle format (exchange.bundle).

Placeholder until exchange/bundle.py lands.
"""

from __future__ import annotations

from typing import Any


def bundle_file(*args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def write(*args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def publish(*args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def open_bundle(*args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError

"""Bounds more than one layer holds to, defined once below all of them.

The vault refuses to store, the bundle format refuses to read and the CLI
refuses to add an attachment above :data:`MAX_ATTACHMENT_BYTES`.
"""

from __future__ import annotations

# One attachment at most: a photo or scan of a document is a few MB. The
# bound keeps memory of an import (about twice the largest attachment, since
# SQLite builds each row in memory) under 300 MB whatever the bundle's size.
MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024

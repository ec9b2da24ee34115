"""Text from outside (imported files, hand-edited databases) made safe to show.

A terminal obeys control characters: ESC starts a sequence that can retitle the window,
clear the screen or move the cursor, and C1 characters (U+0080-U+009F) do the same on
some terminals. Rich strips a few of them (BEL, BS, VT, FF, CR) but not ESC. So text
that did not come from the keyboard is neutralised once, where it enters: a whole
escape sequence goes (so `Evil\x1b]0;title\x07 Name` reads "Evil Name", not
"Evil]0;title Name"), then every other C0 character but tab and newline, DEL and every
C1 character is dropped; a carriage return becomes a newline (a lone CR from an old Mac
export) or goes (CR LF).
"""

from __future__ import annotations

import re
from typing import Any

# C0 except tab (09) and newline (0A), DEL, C1.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Whole escape sequences (ECMA-48): CSI (ESC [ or 0x9B) parameters and final byte; OSC,
# DCS, SOS, PM and APC strings up to their terminator (BEL, ESC \\ or 0x9C), or to the end
# of the text when unterminated; and the two- or three-byte ESC forms.
_SEQUENCE = re.compile(
    "(?:\x1b\\[|\x9b)[0-?]*[ -/]*[@-~]?"
    "|(?:\x1b[\\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\\\|\x9c)?"
    "|\x1b[ -/]*[0-~]?"
)
_CRLF = re.compile("\r\n?")


def has_unsafe_characters(text: str) -> bool:
    return _UNSAFE.search(text) is not None


def clean_text(text: str) -> str:
    """`text` without the characters a terminal would obey (see the module docstring)."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub("", _SEQUENCE.sub("", _CRLF.sub("\n", text)))


def clean_tree(value: Any) -> Any:
    """A JSON-like value (dicts, lists, text, numbers) with every text cleaned, keys
    included. Returns the same object when nothing needed cleaning, so a caller can
    tell (by identity) whether anything changed."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        cleaned_items = [clean_tree(item) for item in value]
        if all(new is old for new, old in zip(cleaned_items, value, strict=True)):
            return value
        return cleaned_items
    if isinstance(value, dict):
        cleaned = {clean_text(key) if isinstance(key, str) else key: clean_tree(item) for key, item in value.items()}
        if len(cleaned) == len(value) and all(
            new_key is old_key and new is old
            for (new_key, new), (old_key, old) in zip(cleaned.items(), value.items(), strict=True)
        ):
            return value
        return cleaned
    return value


def size_in_words(size: int) -> str:
    """A file's size as people read it: "812 bytes", "4.2 KB", "97.3 MB" (1 KB = 1,024 bytes),
    the same figure wherever infoview names a size."""
    if size < 1024:
        return f"{size:,} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:,.1f} KB"
    return f"{size / (1024 * 1024):,.1f} MB"

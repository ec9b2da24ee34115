"""Turning domain dataclasses into JSON-ready dicts and back.

One generic converter instead of a to_dict/from_dict pair per class: the type hints
already say what each field holds. Datetimes are stored aware, as ISO-8601 text;
enums by value. Keys the code does not know are ignored on load (the raw record stays
untouched in the file), and missing keys take the field's default, which is how old
files keep loading after a field is added.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from datetime import datetime
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


class RecordError(ValueError):
    """A stored record could not be turned into a domain object."""


def to_record(obj: Any) -> Any:
    """A JSON-ready copy of a dataclass (recursively)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_record(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, datetime):
        return obj.isoformat()
    if isinstance(obj, (list, tuple)):
        return [to_record(item) for item in obj]
    if isinstance(obj, dict):
        return {str(key): to_record(value) for key, value in obj.items()}
    return obj


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_record(cls: type[T], data: Any) -> T:
    """Build `cls` from a stored dict; raises RecordError saying which field was wrong."""
    if not isinstance(data, dict):
        raise RecordError(f"{cls.__name__}: expected an object, found {type(data).__name__}")
    hints = _hints(cls)
    kwargs: dict[str, Any] = {}
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        if field.name not in data or not field.init:
            continue
        try:
            kwargs[field.name] = _convert(hints[field.name], data[field.name])
        except (TypeError, ValueError) as error:
            raise RecordError(f"{cls.__name__}.{field.name}: {error}") from error
    try:
        return cls(**kwargs)
    except (TypeError, ValueError) as error:
        raise RecordError(f"{cls.__name__}: {error}") from error


def _convert(hint: Any, value: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if value is None:
            return None
        return _convert(options[0], value)
    if origin is list:
        (item_hint,) = typing.get_args(hint)
        if not isinstance(value, list):
            raise TypeError(f"expected a list, found {type(value).__name__}")
        return [_convert(item_hint, item) for item in value]
    if origin is dict:
        key_hint, value_hint = typing.get_args(hint)
        if not isinstance(value, dict):
            raise TypeError(f"expected an object, found {type(value).__name__}")
        return {_convert(key_hint, k): _convert(value_hint, v) for k, v in value.items()}
    if isinstance(hint, type):
        if dataclasses.is_dataclass(hint):
            return from_record(hint, value)
        if issubclass(hint, enum.Enum):
            return hint(value)
        if hint is datetime:
            parsed = datetime.fromisoformat(value)
            if parsed.tzinfo is None:
                raise ValueError(f"{value!r} has no time zone")
            return parsed
        if hint is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if hint in (int, float, str, bool) and not isinstance(value, hint):
            raise TypeError(f"expected {hint.__name__}, found {type(value).__name__}")
        if hint is int and isinstance(value, bool):
            raise TypeError("expected int, found bool")
    return value

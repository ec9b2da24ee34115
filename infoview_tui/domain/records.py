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
from collections.abc import Callable
from datetime import datetime
from functools import cache
from typing import Any, TypeVar

import orjson

T = TypeVar("T")


class RecordError(ValueError):
    """A stored record could not be turned into a domain object."""


def to_record(obj: Any) -> Any:
    """A JSON-ready copy of a dataclass (recursively): enums by their value, datetimes as
    ISO-8601 text. orjson does the walk in C (it serialises dataclasses, enums and aware
    datetimes natively, writing a datetime exactly as datetime.isoformat() does), about
    2.5x faster than walking the fields in Python, which a 10,000-contact import feels."""
    return orjson.loads(orjson.dumps(obj))


@cache
def _field_converters(cls: type) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """Per class, once: each init field with the function that converts its stored value.
    (Resolving type hints per value made loading 500 interviews take ~0.4 s.)"""
    hints = typing.get_type_hints(cls)
    return tuple((field.name, _converter_for(hints[field.name])) for field in dataclasses.fields(cls) if field.init)


def from_record(cls: type[T], data: Any) -> T:
    """Build `cls` from a stored dict; raises RecordError saying which field was wrong."""
    if not isinstance(data, dict):
        raise RecordError(f"{cls.__name__}: expected an object, found {type(data).__name__}")
    kwargs: dict[str, Any] = {}
    for name, convert in _field_converters(cls):  # type: ignore[arg-type]  # a class is hashable; mypy cannot tell through T
        if name not in data:
            continue
        try:
            kwargs[name] = convert(data[name])
        except RecordError as error:
            raise RecordError(f"{cls.__name__}.{name}: {error}") from error
        except (TypeError, ValueError, KeyError) as error:
            raise RecordError(f"{cls.__name__}.{name}: {error}") from error
    try:
        return cls(**kwargs)
    except (TypeError, ValueError) as error:
        raise RecordError(f"{cls.__name__}: {error}") from error


@cache
def _converter_for(hint: Any) -> Callable[[Any], Any]:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        inner = _converter_for(options[0])
        return lambda value: None if value is None else inner(value)
    if origin is list:
        (item_hint,) = typing.get_args(hint)
        convert_item = _converter_for(item_hint)

        def convert_list(value: Any) -> list[Any]:
            if not isinstance(value, list):
                raise TypeError(f"expected a list, found {type(value).__name__}")
            return [convert_item(item) for item in value]

        return convert_list
    if origin is dict:
        key_hint, value_hint = typing.get_args(hint)
        convert_key, convert_value = _converter_for(key_hint), _converter_for(value_hint)

        def convert_dict(value: Any) -> dict[Any, Any]:
            if not isinstance(value, dict):
                raise TypeError(f"expected an object, found {type(value).__name__}")
            return {convert_key(k): convert_value(v) for k, v in value.items()}

        return convert_dict
    if isinstance(hint, type):
        if dataclasses.is_dataclass(hint):
            return lambda value: from_record(hint, value)
        if issubclass(hint, enum.Enum):
            return hint
        if hint is datetime:
            return _to_datetime
        if hint is float:
            return _to_float
        if hint in (int, str, bool):
            return _exact(hint)
    return lambda value: value


def _to_datetime(value: Any) -> datetime:
    if not isinstance(value, str):
        raise TypeError(f"expected ISO-8601 text, found {type(value).__name__}")
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"{value!r} has no time zone")
    return parsed


def _to_float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"expected a number, found {type(value).__name__}")
    return float(value)


def _exact(kind: type) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        # bool is an int to Python, but a stored true is no tier.
        if type(value) is not kind:
            raise TypeError(f"expected {kind.__name__}, found {type(value).__name__}")
        return value

    return check

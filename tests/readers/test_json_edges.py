"""What Python's json accepts but JSON is not, or what it cannot decode: records nested
thousands deep, NaN/Infinity, integers of thousands of digits. Each costs its own record
at most (or only its value), never the run; every other record is still read."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from patiently.readers import is_warning
from patiently.readers._jsonvalue import MAX_DEPTH, value_end

from .test_helpdesk import NOTE_TICKET, VPN_TICKET, read, where, zticket


def nested(levels: int) -> str:
    return '{"a":' * levels + "1" + "}" * levels


def canonical(cid: str, extra: str = "") -> str:
    return json.dumps({"id": cid, "messages": [{"role": "customer", "text": "hi"}]})[:-1] + extra + "}"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- nesting -------------------------------------------------------------------------------

@pytest.mark.parametrize("levels", [5000, MAX_DEPTH + 20])
def test_jsonl_record_nested_too_deeply_costs_only_its_line(tmp_path: Path, levels: int) -> None:
    # 5,000 levels make json.loads raise RecursionError; MAX_DEPTH + 20 decodes but no writer
    # could be trusted to write it out again.
    path = write(tmp_path, "c.jsonl", "\n".join([canonical("before"), canonical("deep", f', "meta": {nested(levels)}'),
                                                 canonical("after")]) + "\n")
    convs, errors = read(path)
    assert [c.id for c in convs] == ["before", "after"]
    assert where(errors) == [(2, None)] and "nested too deeply" in errors[0].reason


def test_jsonl_moderate_nesting_is_kept(tmp_path: Path) -> None:
    path = write(tmp_path, "c.jsonl", canonical("ok", f', "meta": {nested(MAX_DEPTH - 5)}') + "\n")
    convs, errors = read(path)
    assert [c.id for c in convs] == ["ok"] and errors == []


def test_jsonl_integer_of_thousands_of_digits_costs_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "c.jsonl", canonical("big", ', "n": ' + "7" * 5000) + "\n" + canonical("after") + "\n")
    convs, errors = read(path)
    assert [c.id for c in convs] == ["after"]
    assert where(errors) == [(1, None)] and "too many digits" in errors[0].reason


def deep_ticket(tid: int) -> dict[str, Any]:
    ticket = zticket(tid)
    ticket["custom"] = "DEEP"  # replaced by the nested text below (json.dumps would recurse)
    return ticket


def with_deep(text: str, levels: int = 5000) -> str:
    return text.replace('"DEEP"', nested(levels))


@pytest.mark.parametrize("shape", ["ndjson", "array", "one-line array", "wrapper", "one-line wrapper",
                                   "deep first line"])
def test_helpdesk_record_nested_too_deeply_costs_only_itself(tmp_path: Path, shape: str) -> None:
    good1, deep, good2 = json.dumps(VPN_TICKET), json.dumps(deep_ticket(7)), json.dumps(NOTE_TICKET)
    text = {
        "ndjson": f"{good1}\n{deep}\n{good2}\n",
        "array": f"[\n{good1},\n{deep},\n{good2}\n]\n",
        "one-line array": f"[{good1},{deep},{good2}]",
        "wrapper": f'{{"tickets": [\n{good1},\n{deep},\n{good2}\n], "users": []}}\n',
        "one-line wrapper": f'{{"tickets": [{good1},{deep},{good2}], "users": []}}\n',
        "deep first line": f"{deep}\n{good1}\n{good2}\n",
    }[shape]
    path = write(tmp_path, "z.json", with_deep(text))
    convs, errors = read(path, format="zendesk")
    assert sorted(c.id for c in convs) == ["1", "2"]
    assert len(errors) == 1 and "nested too deeply" in errors[0].reason and errors[0].line is not None
    if shape in ("ndjson", "array", "wrapper"):
        assert errors[0].line == (2 if shape == "ndjson" else 3)


def test_helpdesk_side_data_nested_too_deeply_is_left_out_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "z.json", with_deep(f'{{"tickets": [{json.dumps(VPN_TICKET)}], "users": "DEEP"}}'))
    convs, errors = read(path, format="zendesk")
    assert [c.id for c in convs] == ["1"]
    assert [(e.field, is_warning(e)) for e in errors] == [("users", True)] and "left out" in errors[0].reason


def test_value_end_steps_over_any_depth() -> None:
    text = '[{"a": "x]}\\"{"}, ' + nested(3000) + "] tail"
    assert text[:value_end(text, 0)].endswith("]") and text[value_end(text, 0):] == " tail"  # type: ignore[misc]
    assert value_end('{"a": [1, 2', 0) is None and value_end('"open', 0) is None


# --- NaN, Infinity, 1e999999 ---------------------------------------------------------------

def test_jsonl_non_finite_numbers_are_null_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "c.jsonl", "\n".join([
        '{"id": "nan", "messages": [{"role": "agent", "text": "hi", "x": NaN}], "m": Infinity}',
        '{"id": "big", "messages": [{"role": "agent", "text": "hi", "n": 1e999999, "sent_at": -Infinity}],'
        ' "labels": {"negative": NaN}}',
        '{"id": "fine", "messages": [{"role": "agent", "text": "NaN Infinity 1e999 in text stays"}], "n": 1e300}',
    ]) + "\n")
    convs, errors = read(path)
    assert [c.id for c in convs] == ["nan", "big", "fine"]
    assert all(is_warning(e) for e in errors)
    assert where(errors) == [(1, "messages[0].x"), (1, "m"), (2, "messages[0].n"), (2, "messages[0].sent_at"),
                             (2, "labels.negative")]
    assert "NaN is not valid JSON" in errors[0].reason and "read as null" in errors[0].reason
    assert "Infinity" in errors[1].reason
    assert convs[0].messages[0].meta == {"x": None} and convs[0].meta == {"m": None}
    assert convs[1].labels == {"negative": None} and convs[1].messages[0].sent_at is None
    assert convs[2].messages[0].text == "NaN Infinity 1e999 in text stays" and convs[2].meta == {"n": 1e300}
    for c in convs:  # what was kept can be written as strict JSON
        json.dumps([c.meta, c.labels, [m.meta for m in c.messages]], allow_nan=False)


@pytest.mark.parametrize("record, field", [
    ('{"id": NaN, "messages": [{"role": "agent", "text": "hi"}]}', "id"),
    ('{"id": "t", "messages": [{"role": "agent", "text": Infinity}]}', "messages[0].text"),
    ('{"id": "r", "messages": [{"role": -Infinity, "text": "hi"}]}', "messages[0].role"),
    ('{"id": "m", "messages": NaN}', "messages"),
])
def test_jsonl_non_finite_number_in_a_needed_field_costs_the_record(tmp_path: Path, record: str,
                                                                    field: str) -> None:
    path = write(tmp_path, "c.jsonl", record + "\n" + canonical("after") + "\n")
    convs, errors = read(path)
    assert [c.id for c in convs] == ["after"]
    assert where(errors) == [(1, field)] and not is_warning(errors[0])
    assert "not valid JSON" in errors[0].reason and "missing" not in errors[0].reason


@pytest.mark.parametrize("shape", ["ndjson", "array", "wrapper"])
def test_helpdesk_non_finite_numbers(tmp_path: Path, shape: str) -> None:
    kept = json.dumps(zticket(1, priority="NANVALUE")).replace('"NANVALUE"', "NaN")
    lost = json.dumps(zticket(2)).replace('"id": 2', '"id": Infinity', 1)
    text = {"ndjson": f"{kept}\n{lost}\n", "array": f"[\n{kept},\n{lost}\n]",
            "wrapper": f'{{"tickets": [\n{kept},\n{lost}\n], "next_page": NaN}}'}[shape]
    convs, errors = read(write(tmp_path, "z.json", text), format="zendesk")
    assert [c.id for c in convs] == ["1"] and "priority" not in convs[0].meta
    found = {(e.line, e.field, is_warning(e)) for e in errors}
    assert {(1 if shape == "ndjson" else 2, "priority", True), (2 if shape == "ndjson" else 3, "id", False)} <= found
    assert all("not valid JSON" in e.reason for e in errors)
    if shape == "wrapper":
        assert (1, "next_page", True) in found
    assert not any(isinstance(v, float) and not math.isfinite(v) for v in convs[0].meta.values())

"""Reading JSON and YAML safely, with positions for every value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.core.errors import InvalidAssessment, InvalidRules
from checker.inputs.jsonlocate import locate_json
from checker.inputs.safeload import MAX_DEPTH, load_document, parse_text


def _yaml(text: str):  # type: ignore[no-untyped-def]
    return parse_text(text, kind="yaml", name="f.yaml", error=InvalidRules)


def _json(text: str):  # type: ignore[no-untyped-def]
    return parse_text(text, kind="json", name="f.json", error=InvalidAssessment)


def _message(error: pytest.ExceptionInfo[InvalidRules] | pytest.ExceptionInfo[InvalidAssessment]
             ) -> str:
    return error.value.problems[0].render()


class TestJson:
    def test_values_and_positions(self) -> None:
        document = _json('{\n  "a": {"b": [1, 2.5, true, null, "x"]}\n}')
        assert document.data == {"a": {"b": [1, 2.5, True, None, "x"]}}
        assert document.position("/a") == (2, 3)
        assert document.position("/a/b/1") == (2, 18)

    def test_syntax_error_has_line_and_column(self) -> None:
        with pytest.raises(InvalidAssessment) as error:
            _json('{\n  "a": 1,\n}')
        problem = error.value.problems[0]
        assert (problem.line, problem.file) == (3, "f.json")
        assert "not valid JSON" in problem.message

    def test_duplicate_key_is_refused_at_the_repeat(self) -> None:
        with pytest.raises(InvalidAssessment) as error:
            _json('{"a": 1,\n "a": 2}')
        assert error.value.problems[0].line == 2
        assert "duplicate key 'a'" in _message(error)

    @pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e400", "-1e999"])
    def test_non_finite_numbers_are_refused(self, literal: str) -> None:
        with pytest.raises(InvalidAssessment) as error:
            _json('{"a":\n ' + literal + "}")
        assert error.value.problems[0].line == 2

    def test_deep_nesting_is_refused_without_crashing(self) -> None:
        with pytest.raises(InvalidAssessment):
            _json("[" * 100_000 + "]" * 100_000)

    def test_byte_order_mark_is_accepted(self, tmp_path: Path) -> None:
        path = tmp_path / "bom.json"
        path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"a": 1}).encode())
        assert load_document(path, max_bytes=1000, error=InvalidAssessment).data == {"a": 1}

    def test_not_utf8(self, tmp_path: Path) -> None:
        path = tmp_path / "latin1.json"
        path.write_bytes('{"a": "caf\xe9"}'.encode("latin-1"))
        with pytest.raises(InvalidAssessment) as error:
            load_document(path, max_bytes=1000, error=InvalidAssessment)
        assert "not valid UTF-8" in _message(error)

    def test_size_limit_is_checked_before_reading(self, tmp_path: Path) -> None:
        path = tmp_path / "big.json"
        path.write_text(" " * 2000)
        with pytest.raises(InvalidAssessment) as error:
            load_document(path, max_bytes=1000, error=InvalidAssessment)
        assert "too large" in _message(error)

    def test_missing_file_and_directory(self, tmp_path: Path) -> None:
        with pytest.raises(InvalidAssessment) as error:
            load_document(tmp_path / "nope.json", max_bytes=10, error=InvalidAssessment)
        assert "file not found" in _message(error)
        with pytest.raises(InvalidAssessment) as error:
            load_document(tmp_path, max_bytes=10, error=InvalidAssessment)
        assert "is a directory" in _message(error)


class TestYaml:
    def test_yaml_12_scalars(self) -> None:
        document = _yaml("a: yes\nb: 1e5\nc: 2009-09-25\nd: ~\ne: 'true'\nf: false\ng: 0x10\n")
        assert document.data == {
            "a": "yes", "b": 100000.0, "c": "2009-09-25", "d": None, "e": "true", "f": False,
            "g": "0x10",
        }

    def test_positions_point_at_keys_and_items(self) -> None:
        document = _yaml("rules:\n  - id: A\n    when:\n      all:\n        - x: 1\n")
        assert document.position("/rules/0") == (2, 5)
        assert document.position("/rules/0/when/all/0/x") == (5, 11)

    @pytest.mark.parametrize(
        "text",
        [
            "a: !!python/object:os.system ls",
            "a: !!python/object/apply:os.system [ls]",
            "a: !!python/name:os.system",
            "a: !custom 1",
            "!!python/object:collections.OrderedDict {}",
        ],
    )
    def test_code_executing_tags_are_refused(self, text: str) -> None:
        with pytest.raises(InvalidRules) as error:
            _yaml(text)
        assert "is not allowed" in _message(error)

    def test_billion_laughs_is_refused_quickly(self) -> None:
        lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        for level in range(1, 10):
            refs = ",".join([f"*a{level - 1}"] * 9)
            lines.append(f"a{level}: &a{level} [{refs}]")
        with pytest.raises(InvalidRules) as error:
            _yaml("\n".join(lines))
        assert "expands to more than" in _message(error)

    def test_recursive_alias_is_refused(self) -> None:
        with pytest.raises(InvalidRules):
            _yaml("a: &x [*x]")

    def test_merge_keys_and_duplicates_are_refused(self) -> None:
        with pytest.raises(InvalidRules) as error:
            _yaml("base: &b {x: 1}\nc:\n  <<: *b\n")
        assert "merge keys" in _message(error)
        with pytest.raises(InvalidRules) as error:
            _yaml("a: 1\nb: 2\na: 3\n")
        assert error.value.problems[0].line == 3

    def test_depth_is_capped(self) -> None:
        with pytest.raises(InvalidRules) as error:
            _yaml("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
        assert "nested more than" in _message(error)
        with pytest.raises(InvalidRules):
            _yaml("[" * 200_000)

    def test_special_floats_are_refused(self) -> None:
        for value in (".inf", "-.inf", ".nan", "1e400"):
            with pytest.raises(InvalidRules):
                _yaml(f"a: {value}")

    def test_multiple_documents_are_refused(self) -> None:
        with pytest.raises(InvalidRules) as error:
            _yaml("a: 1\n---\nb: 2\n")
        assert "one YAML document" in _message(error)

    def test_syntax_error_has_line(self) -> None:
        with pytest.raises(InvalidRules) as error:
            _yaml("a: [1, 2\nb: 3\n")
        assert error.value.problems[0].line is not None


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6)
    | st.floats(allow_nan=False, allow_infinity=False, width=32) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=20,
)


def _pointers(value: object, prefix: str = "") -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = [(prefix, value)]
    if isinstance(value, dict):
        for key, item in value.items():
            escaped = key.replace("~", "~0").replace("/", "~1")
            found.extend(_pointers(item, f"{prefix}/{escaped}"))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_pointers(item, f"{prefix}/{index}"))
    return found


@settings(max_examples=150, deadline=None)
@given(value=json_values, indent=st.sampled_from([None, 1, 2, 4]))
def test_every_pointer_is_located_at_its_value_or_key(value: object, indent: int | None) -> None:
    """Property: the locator finds every pointer, and the text there is that member or item."""
    text = json.dumps(value, indent=indent)
    lines = text.split("\n")
    located = locate_json(text).positions
    for pointer, item in _pointers(value):
        assert pointer in located, pointer
        line, column = located[pointer]
        rest = "\n".join([lines[line - 1][column - 1:], *lines[line:]])
        decoder = json.JSONDecoder()
        if rest.startswith('"') and pointer and isinstance(
            _parent(value, pointer), dict
        ):
            key, end = decoder.raw_decode(rest)
            rest = rest[end:].lstrip()[1:].lstrip()  # skip ':'
            assert key == _last(pointer)
        parsed, _end = decoder.raw_decode(rest)
        assert parsed == item


def _last(pointer: str) -> str:
    return pointer.rsplit("/", 1)[1].replace("~1", "/").replace("~0", "~")


def _parent(value: object, pointer: str) -> object:
    parts = pointer.split("/")[1:-1]
    node = value
    for part in parts:
        token = part.replace("~1", "/").replace("~0", "~")
        node = node[int(token)] if isinstance(node, list) else node[token]  # type: ignore[index]
    return node

"""`annales code`: streaming input, batches, parallel workers and ordered output (issue 13)."""

from __future__ import annotations

import io
import itertools
import json
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from annales.cli.code import TextRecord, code_records, read_records
from annales.cli.main import cli
from annales.errors import InputError


def _lines(*records: dict[str, str]) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


def test_code_read_records_detects_jsonl_from_the_first_line() -> None:
    stream = io.StringIO("\n" + _lines({"id": "a", "text": "One."}, {"text": "Two.", "published": "2015-03-02"}))
    records = list(read_records(stream))
    assert records[0].id == "a"
    assert [r.text for r in records] == ["One.", "Two."]
    assert str(records[1].published) == "2015-03-02"


def test_code_read_records_plain_text_is_one_record() -> None:
    (record,) = read_records(io.StringIO("Kerry met Lavrov.\n\n{not json}\n"))
    assert record.text == "Kerry met Lavrov.\n\n{not json}\n"


def test_code_read_records_blank_input_has_no_record() -> None:
    assert list(read_records(io.StringIO("\n  \n"))) == []


def test_code_read_records_bad_line_after_a_record_names_it() -> None:
    stream = io.StringIO(_lines({"text": "One."}) + "not json\n")
    with pytest.raises(InputError, match=r"E103.*line 2"):
        list(read_records(stream))


def test_code_read_records_reads_lazily() -> None:
    class Endless(io.StringIO):
        """A stream that never ends: reading all of it would never return."""

        lines = (json.dumps({"id": str(n), "text": "Prices rose."}) + "\n" for n in itertools.count())

        def __iter__(self) -> Iterator[str]:
            return self.lines

    records = read_records(Endless(), force_jsonl=True)
    assert [r.id for r in itertools.islice(records, 3)] == ["0", "1", "2"]


@pytest.mark.slow
def test_code_records_streams_an_endless_input_issue_13() -> None:
    """Events come out while records are still arriving: bounded work in flight, not the whole input."""
    endless = (TextRecord(str(n), "Kerry met Lavrov in Geneva.") for n in itertools.count())
    first = list(itertools.islice(code_records(endless, workers=1), 3))
    assert [event["doc_id"] for event in first][:1] == ["0"]


@pytest.mark.slow
def test_code_records_workers_keep_input_order_issue_13() -> None:
    texts = ["Kerry met Lavrov in Geneva.", "Prices rose.", "Russia accused Ukraine of shelling Donetsk."]
    records = [TextRecord(f"r{n:03d}", texts[n % 3]) for n in range(150)]  # three batches
    inline = list(code_records(records, workers=1))
    parallel = list(code_records(records, workers=2))
    assert parallel == inline
    ids = [event["doc_id"] for event in parallel]
    assert ids == sorted(ids)
    assert {n % 3 for n in (int(i[1:]) for i in ids)} == {0, 2}  # "Prices rose." holds no event


@pytest.mark.slow
def test_code_cli_workers_option() -> None:
    stdin = _lines({"id": "a", "text": "Kerry met Lavrov in Geneva."}, {"id": "b", "text": "Russia accused Ukraine."})
    result = CliRunner().invoke(cli, ["code", "--workers", "2", "-"], input=stdin)
    assert result.exit_code == 0, result.output
    docs = [json.loads(line)["doc_id"] for line in result.stdout.splitlines()]
    assert docs[0] == "a" and docs[-1] == "b"


def test_code_cli_workers_must_be_positive() -> None:
    result = CliRunner().invoke(cli, ["code", "--workers", "0", "Kerry met Lavrov."])
    assert result.exit_code != 0
    assert "--workers" in result.output


def test_code_every_option_is_documented() -> None:
    from pathlib import Path

    import click

    docs = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text()
    command = cli.get_command(click.Context(cli), "code")
    assert command is not None
    options = [opt for param in command.params for opt in param.opts if opt.startswith("--")]
    assert "--workers" in options
    assert [opt for opt in options if opt not in docs] == []


@pytest.mark.slow
def test_code_prints_events_from_the_default_confidence_unless_told(monkeypatch: pytest.MonkeyPatch) -> None:
    from annales import codes

    text = "Kerry met Lavrov in Geneva on Monday and urged Russia to withdraw its troops."
    everything = CliRunner().invoke(cli, ["code", "--published", "2014-03-05", "--min-confidence", "0", text])
    events = [json.loads(line) for line in everything.stdout.splitlines()]
    assert len(events) >= 2 and not everything.stderr
    confidences = sorted(event["confidence"] for event in events)
    # a default between the events' confidences keeps exactly those at or above it
    monkeypatch.setattr(codes, "DEFAULT_MIN_CONFIDENCE", confidences[-1])
    kept = CliRunner().invoke(cli, ["code", "--published", "2014-03-05", text])
    assert [json.loads(line)["confidence"] for line in kept.stdout.splitlines()] == [
        c for c in (e["confidence"] for e in events) if c >= confidences[-1]
    ]
    hidden = sum(1 for e in events if e["confidence"] < confidences[-1])
    assert hidden > 0 or confidences[0] == confidences[-1]
    # what was left out is said on stderr, with how to see it
    assert kept.stderr == (
        f"{hidden} event{'s' if hidden > 1 else ''} below --min-confidence {confidences[-1]:g} not printed "
        "(--min-confidence 0 prints every event)\n"
    )

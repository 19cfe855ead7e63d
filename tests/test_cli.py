"""The command line: data on stdout only, rejects on stderr, exit codes 0 / 1 / 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tollwatch import __version__
from tollwatch.cli import main
from tollwatch.errors import ConfigError

CONTRACT_KEYS = {
    "id",
    "published",
    "language",
    "title",
    "url",
    "source",
    "killed",
    "injured",
    "victims",
    "acled_fatalities",
    "acled_basis",
    "figures",
    "places",
    "events",
    "location",
    "warnings",
    "extractor_version",
}


def _jsonl(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


def _assert_contract(record: dict) -> None:
    assert set(record) >= CONTRACT_KEYS
    assert isinstance(record["figures"], list)
    assert isinstance(record["warnings"], list)
    assert set(record["killed"]) == {"low", "best", "high"}
    for figure in record["figures"]:
        assert {"measure", "low", "best", "high", "qualifier", "group", "text", "start", "end"} <= set(figure)


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.stdout


def test_help_does_not_import_heavy_modules() -> None:
    code = (
        "import sys\n"
        "from tollwatch.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in ('trafilatura', 'tollwatch.pipeline', 'spacy') if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "extract" in proc.stdout and "eval" in proc.stdout and "gazetteer" in proc.stdout
    assert "HEAVY []" in proc.stderr


def test_jsonl_with_rejects_exits_1_and_keeps_good_records(
    runner: CliRunner, fixtures: Path, tmp_path: Path
) -> None:
    rejects = tmp_path / "rejects.jsonl"
    path = fixtures / "mixed.jsonl"
    result = runner.invoke(main, ["extract", str(path), "--rejects", str(rejects)])
    assert result.exit_code == 1
    records = _jsonl(result.stdout)
    assert [r["id"] for r in records] == ["ok-1", "ok-2"]
    for record in records:
        _assert_contract(record)
    assert records[0]["published"] == "2024-01-05"
    assert f"E101: {path}:2: malformed_json" in result.stderr
    assert f"E102: {path}:3: missing_field" in result.stderr
    assert f"E106: {path}:6: bad_date" in result.stderr
    assert f"E103: {path}:7: empty_text" in result.stderr
    written = _jsonl(rejects.read_text(encoding="utf-8"))
    assert [(w["line"], w["reason"], w["code"]) for w in written] == [
        (2, "malformed_json", "E101"),
        (3, "missing_field", "E102"),
        (5, "missing_field", "E102"),
        (6, "bad_date", "E106"),
        (7, "empty_text", "E103"),
    ]
    assert all(w["path"] == str(path) and w["origin"] == f"{path}:{w['line']}" for w in written)
    assert written[0]["raw"].startswith('{"id": "broken"')


def test_rejects_file_is_appended(runner: CliRunner, fixtures: Path, tmp_path: Path) -> None:
    rejects = tmp_path / "rejects.jsonl"
    for _ in range(2):
        runner.invoke(main, ["extract", str(fixtures / "mixed.jsonl"), "--rejects", str(rejects)])
    assert len(rejects.read_text(encoding="utf-8").splitlines()) == 10


def test_clean_input_exits_0(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "clean.jsonl"
    path.write_text(
        json.dumps(
            {"id": "a", "text": "Nobody was hurt when a crane toppled in Pellby. (Fictional example.)"}
        )
        + "\n"
        + json.dumps({"id": "b", "text": "The harvest festival in Oatridge went ahead. (Fictional example.)"})
        + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(main, ["extract", str(path)])
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in _jsonl(result.stdout)] == ["a", "b"]
    assert result.stderr == ""


def test_single_text_file_prints_one_json_object(runner: CliRunner, fixtures: Path) -> None:
    result = runner.invoke(main, ["extract", str(fixtures / "note.txt"), "--published", "2024-06-02"])
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    _assert_contract(record)
    assert record["id"] == "note"
    assert record["published"] == "2024-06-02"
    assert record["language"] == "en"


def test_several_files_default_to_jsonl(runner: CliRunner, fixtures: Path) -> None:
    result = runner.invoke(main, ["extract", str(fixtures / "note.txt"), str(fixtures / "report.html")])
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in _jsonl(result.stdout)] == ["note", "report"]


def test_html_input(runner: CliRunner, fixtures: Path) -> None:
    result = runner.invoke(main, ["extract", str(fixtures / "report.html"), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    _assert_contract(record)
    assert record["title"] == "Bridge collapse in Harrowgate"
    assert record["published"] == "2024-08-16"


def test_stdin_text(runner: CliRunner) -> None:
    text = "A delivery van hit a lamppost in Crumley; the driver was unhurt. (Fictional example.)\n"
    result = runner.invoke(main, ["extract", "-", "--published", "2024-02-29"], input=text)
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["id"] == "stdin" and record["published"] == "2024-02-29"


def test_stdin_jsonl_with_a_reject(runner: CliRunner) -> None:
    data = '{"id": "s1", "text": "A quiet night in Millbeck. (Fictional example.)"}\n{"id": 1.5}\n'
    result = runner.invoke(main, ["extract", "-"], input=data)
    assert result.exit_code == 1
    assert [r["id"] for r in _jsonl(result.stdout)] == ["s1"]
    assert "<stdin>:2" in result.stderr


def test_french_report_is_flagged(runner: CliRunner) -> None:
    text = (
        "Selon les autorités locales, trois personnes ont été blessées dans la nuit de samedi "
        "lors de l'effondrement d'un mur dans le centre de la ville de Brévanne. (Exemple fictif.)"
    )
    result = runner.invoke(main, ["extract", "-", "--input", "text"], input=text)
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["language"] != "en"
    assert record["figures"] == []
    assert record["warnings"]


def test_table_format(runner: CliRunner, fixtures: Path) -> None:
    result = runner.invoke(main, ["extract", str(fixtures / "mixed.jsonl"), "--format", "table"])
    assert result.exit_code == 1
    assert "ok-1" in result.stdout and "ok-2" in result.stdout
    assert "toll:" in result.stdout
    assert "E101" not in result.stdout and "E101" in result.stderr


def test_demo_corpus_reads_cleanly(runner: CliRunner) -> None:
    demo = Path(__file__).resolve().parents[1] / "demo" / "reports.jsonl"
    result = runner.invoke(main, ["extract", str(demo), "--no-progress"])
    assert result.exit_code == 0, result.stderr
    records = _jsonl(result.stdout)
    assert len(records) == sum(1 for line in demo.read_text(encoding="utf-8").splitlines() if line.strip())
    for record in records:
        _assert_contract(record)
    languages = {r["id"]: r["language"] for r in records}
    assert languages["fic-vellamy-floods-fr"] != "en"
    assert languages["syria-coast-2025-03-08"] == "en"


def test_max_bytes_option(runner: CliRunner, fixtures: Path) -> None:
    result = runner.invoke(main, ["extract", str(fixtures / "note.txt"), "--max-bytes", "20"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"E105: {fixtures / 'note.txt'}:1: too_large" in result.stderr


def test_forced_progress_goes_to_stderr(runner: CliRunner, fixtures: Path) -> None:
    result = runner.invoke(main, ["extract", str(fixtures / "mixed.jsonl"), "--progress"])
    assert result.exit_code == 1
    assert [r["id"] for r in _jsonl(result.stdout)] == ["ok-1", "ok-2"]


def test_bad_published_option_is_a_usage_error(runner: CliRunner, fixtures: Path) -> None:
    result = runner.invoke(main, ["extract", str(fixtures / "note.txt"), "--published", "yesterday"])
    assert result.exit_code == 2
    assert result.stdout == ""


def test_tollwatch_error_exits_2(runner: CliRunner, fixtures: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ConfigError("the setting is wrong; fix it", code="E299")

    monkeypatch.setattr("tollwatch.read.Reader", broken)
    result = runner.invoke(main, ["extract", str(fixtures / "note.txt")])
    assert result.exit_code == 2
    assert "E299: the setting is wrong" in result.stderr
    assert result.stdout == ""


def test_extractor_failure_rejects_one_record(
    runner: CliRunner, fixtures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tollwatch.pipeline

    real = tollwatch.pipeline.extract

    def flaky(document):  # type: ignore[no-untyped-def]
        if document.id == "ok-1":
            raise RuntimeError("boom")
        return real(document)

    monkeypatch.setattr(tollwatch.pipeline, "extract", flaky)
    result = runner.invoke(main, ["extract", str(fixtures / "mixed.jsonl")])
    assert result.exit_code == 1
    assert [r["id"] for r in _jsonl(result.stdout)] == ["ok-2"]
    assert "E109:" in result.stderr and "boom" in result.stderr


def test_eval_rejects_unknown_kind(runner: CliRunner, fixtures: Path) -> None:
    result = runner.invoke(main, ["eval", "nonsense", str(fixtures / "mixed.jsonl")])
    assert result.exit_code == 2


def test_eval_calls_run_eval(runner: CliRunner, fixtures: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tollwatch.eval

    calls: list[tuple[str, Path, int | None]] = []

    class Report:
        def to_dict(self) -> dict:
            return {"kind": "acled", "n": 2}

        def to_text(self) -> str:
            return "acled: 2 records"

    def fake_run_eval(
        kind: str, path: Path, *, limit: int | None = None, progress: bool = False, **_: object
    ) -> Report:
        calls.append((kind, Path(path), limit))
        return Report()

    monkeypatch.setattr(tollwatch.eval, "run_eval", fake_run_eval)
    path = fixtures / "mixed.jsonl"
    text = runner.invoke(main, ["eval", "acled", str(path), "--limit", "2"])
    assert text.exit_code == 0, text.stderr
    assert text.stdout.strip() == "acled: 2 records"
    as_json = runner.invoke(main, ["eval", "acled", str(path), "--json"])
    assert json.loads(as_json.stdout) == {"kind": "acled", "n": 2}
    assert calls == [("acled", path, 2), ("acled", path, None)]


def test_subprocess_stdout_is_data_only(fixtures: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tollwatch.cli", "extract", str(fixtures / "mixed.jsonl")],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 1
    assert [r["id"] for r in _jsonl(proc.stdout)] == ["ok-1", "ok-2"]
    assert "E101" in proc.stderr


def test_unwritable_rejects_file_is_a_config_error(runner: CliRunner, fixtures: Path, tmp_path: Path) -> None:
    target = tmp_path / "missing-dir" / "rejects.jsonl"
    result = runner.invoke(main, ["extract", str(fixtures / "note.txt"), "--rejects", str(target)])
    assert result.exit_code == 2
    assert "E202" in result.stderr
    assert result.stdout == ""

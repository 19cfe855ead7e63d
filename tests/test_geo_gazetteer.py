"""The embedded gazetteer: index, lookups, GeoNames import and the CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tollwatch.geo.cli import gazetteer
from tollwatch.geo.gazetteer import Gazetteer, admin_key, get_gazetteer, index_path, reset_gazetteer
from tollwatch.geo.gazetteer_build import build_index, ensure_index, is_current
from tollwatch.geo.gazetteer_import import import_geonames

# A made-up country file in GeoNames' 19-column format: an ADM1, an ADM2 and
# two villages that exist nowhere.
FAKE_ROWS = [
    [
        "990001",
        "Zorvania Province",
        "Zorvania Province",
        "",
        "10.5",
        "20.5",
        "A",
        "ADM1",
        "SY",
        "",
        "77",
        "",
        "",
        "",
        "0",
        "",
        "0",
        "Asia/Damascus",
        "2024-01-01",
    ],
    [
        "990002",
        "Qelbrin District",
        "Qelbrin District",
        "",
        "10.6",
        "20.6",
        "A",
        "ADM2",
        "SY",
        "",
        "77",
        "501",
        "",
        "",
        "0",
        "",
        "0",
        "Asia/Damascus",
        "2024-01-01",
    ],
    [
        "990003",
        "Ḑahr al Mirwāḩ",
        "Dahr al Mirwah",
        "Dahr el-Mirwah,Dhahr Mirwah",
        "10.61",
        "20.62",
        "P",
        "PPL",
        "SY",
        "",
        "77",
        "501",
        "",
        "",
        "0",
        "",
        "0",
        "Asia/Damascus",
        "2024-01-01",
    ],
    [
        "990004",
        "Tall Zubayr",
        "Tall Zubayr",
        "",
        "10.7",
        "20.7",
        "P",
        "PPL",
        "SY",
        "",
        "77",
        "",
        "",
        "",
        "120",
        "",
        "0",
        "Asia/Damascus",
        "2024-01-01",
    ],
]


@pytest.fixture()
def index_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the built index, so imports do not touch the real one."""
    ensure_index()
    target = tmp_path / "gazetteer.sqlite"
    shutil.copy(index_path(), target)
    monkeypatch.setenv("TOLLWATCH_GAZETTEER", str(target))
    reset_gazetteer()
    yield target
    reset_gazetteer()


def fake_dump(tmp_path: Path) -> Path:
    path = tmp_path / "ZZ.txt"
    path.write_text("\n".join("\t".join(r) for r in FAKE_ROWS) + "\n", encoding="utf-8")
    return path


def test_admin_key_strips_kind_words() -> None:
    assert admin_key("Province de l'Oudalan") == "oudalan"
    assert admin_key("Murang'a District") == "muranga"
    assert admin_key("Greater Accra Region") == "greater accra"


def test_import_fake_geonames_file(tmp_path: Path, index_copy: Path) -> None:
    alt = tmp_path / "alternateNames.txt"
    alt.write_text(
        "1\t990004\ten\tTel Zubair\t\t\t\t\t\t\n2\t990004\tlink\thttps://x\t\t\t\t\t\t\n", encoding="utf-8"
    )
    assert import_geonames(fake_dump(tmp_path), alt, path=index_copy) == 4
    g = get_gazetteer()
    [village] = g.search("Dahr el-Mirwah")
    assert village.geonameid == 990003 and village.country == "SY"
    assert village.admin1 == "Zorvania Province" and village.admin2 == "Qelbrin District"
    assert village.source == "import:ZZ.txt"
    assert [e.geonameid for e in g.search("Tel Zubair")] == [990004]
    assert g.search("https://x") == []
    assert any(e.feature_code == "ADM1" for e in g.search("Zorvania"))


def test_import_rejects_a_file_in_another_format(tmp_path: Path, index_copy: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("name,lat,lon\nfoo,1,2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="19 tab-separated"):
        import_geonames(bad, path=index_copy)


def test_cli_import_and_lookup(tmp_path: Path, index_copy: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(gazetteer, ["import", str(fake_dump(tmp_path))])
    assert result.exit_code == 0, result.output
    result = runner.invoke(gazetteer, ["lookup", "Tall Zubayr", "--country", "sy"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows and rows[0]["geonameid"] == 990004 and rows[0]["lat"] == 10.7


def test_cli_lookup_prints_json_lines() -> None:
    result = CliRunner().invoke(gazetteer, ["lookup", "Latakia", "--country", "SY"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert any(r["feature_code"] == "PPL" and r["country"] == "SY" for r in rows)


def test_build_is_a_quick_no_op_when_current() -> None:
    build_index()
    assert is_current()
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "tollwatch.geo.build"], capture_output=True, text=True, check=True
    )
    assert "is current" in out.stderr
    assert time.perf_counter() - started < 5


def test_loading_is_fast_and_misses_are_cheap() -> None:
    g = Gazetteer(index_path())
    started = time.perf_counter()
    g.open()
    assert time.perf_counter() - started < 0.2
    started = time.perf_counter()
    for i in range(10_000):
        g.lookup(f"nosuchplace{i}")
    assert time.perf_counter() - started < 1.0
    g.close()


def test_countries_and_demonyms() -> None:
    g = get_gazetteer()
    assert g.country_of_word("Syrian") == "SY"
    assert g.country_of_word("Burkinabe") == "BF"
    assert g.country_of_word("Kenya") == "KE"
    syria = g.country("SY")
    assert syria is not None and syria.feature_code == "PCLI"


def test_supplement_places_carry_a_source() -> None:
    [base] = get_gazetteer().search("Hmeimim")
    assert base.feature_code == "AIRB" and base.source.startswith("supplement: ")
    assert abs(base.lat - 35.40) < 0.05

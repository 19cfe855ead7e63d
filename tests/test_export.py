"""Exports: each format read back (pandas, or json for GeoJSON) with exact columns and the dataset version."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from sqlalchemy import Engine

from ledger_helpers import MERGE_SET, cached_extract
from tollwatch.cli import main
from tollwatch.export import FORMATS, acled, export, parquet, ucdp
from tollwatch.ledger.ingest import ingest
from tollwatch.read import iter_documents

pytest_plugins = ["ledger_fixtures"]

ACLED_COLUMNS = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
    "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
    "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
    "tags,timestamp"
).split(",")
UCDP_COLUMNS = (
    "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,"
    "dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,"
    "side_b,number_of_sources,source_article,source_office,source_date,source_headline,source_original,"
    "where_prec,where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,"
    "country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,"
    "deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob"
).split(",")


@pytest.fixture
def filled(engine: Engine) -> Engine:
    ingest(engine, iter_documents([MERGE_SET]), batch=60, extractor=cached_extract)
    return engine


def _bytes(engine: Engine, name: str) -> bytes:
    out = io.BytesIO()
    export(engine, name, out)
    return out.getvalue()


def test_registry_lists_every_format() -> None:
    assert set(FORMATS) == {"acled", "ucdp", "geojson", "jsonl", "parquet"}
    assert list(acled.COLUMNS) == ACLED_COLUMNS and len(UCDP_COLUMNS) == 49
    assert list(ucdp.COLUMNS) == UCDP_COLUMNS


def test_acled_csv_columns_and_conservative_fatalities(filled: Engine) -> None:
    frame = pd.read_csv(io.BytesIO(_bytes(filled, "acled")))
    assert list(frame.columns) == ACLED_COLUMNS
    assert len(frame) > 60
    assert frame["fatalities"].notna().all() and (frame["fatalities"] >= 0).all()
    assert set(frame["event_type"].dropna()) <= {
        "Battles", "Violence against civilians", "Explosions/Remote violence", "Riots", "Protests",
        "Strategic developments", "unknown", "displacement", "infrastructure_outage",
    }  # fmt: skip
    assert frame["tags"].str.contains("tollwatch dataset").all()


def test_ucdp_csv_columns(filled: Engine) -> None:
    frame = pd.read_csv(io.BytesIO(_bytes(filled, "ucdp")))
    assert list(frame.columns) == UCDP_COLUMNS
    located = frame.dropna(subset=["latitude"])
    assert located["geom_wkt"].str.startswith("POINT (").all()
    assert frame["id"].isna().all() and frame["relid"].isna().all()


def test_geojson_feature_collection(filled: Engine) -> None:
    data = json.loads(_bytes(filled, "geojson"))
    assert data["type"] == "FeatureCollection" and data["metadata"]["dataset_version"]
    feature = data["features"][0]
    assert feature["geometry"]["type"] == "Point" and len(feature["geometry"]["coordinates"]) == 2
    assert {"id", "killed_low", "killed_best", "killed_high", "date_start"} <= set(feature["properties"])


def test_jsonl_fields_and_primaries(filled: Engine) -> None:
    frame = pd.read_json(io.BytesIO(_bytes(filled, "jsonl")), lines=True)
    wanted = ["id", "reports", "primary_reports", "killed", "injured", "victims", "location", "date",
              "type", "history", "disputed", "dataset_version"]  # fmt: skip
    assert set(wanted) <= set(frame.columns)
    primaries = [doc for docs in frame["primary_reports"] for doc in docs]
    assert len(primaries) == len(set(primaries)) == len(MERGE_SET.read_text().splitlines())
    assert {"low", "best", "high"} == set(frame["killed"].iloc[0])
    assert {"name", "lat", "lon", "country", "admin1"} <= set(frame["location"].iloc[0])
    assert {"start", "end", "precision"} <= set(frame["date"].iloc[0])


def test_parquet_reads_back_with_version(filled: Engine, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    path = tmp_path / "x.parquet"
    path.write_bytes(_bytes(filled, "parquet"))
    frame = pd.read_parquet(path)
    assert list(frame.columns) == list(parquet.COLUMNS)
    assert pq.read_schema(path).metadata[b"tollwatch.dataset_version"]


def test_cli_export_to_file_writes_sidecar(filled: Engine, backend_url: str, tmp_path: Path) -> None:
    out = tmp_path / "acled.csv"
    result = CliRunner().invoke(
        main, ["export", "--format", "acled", "--output", str(out), "--db", backend_url]
    )
    assert result.exit_code == 0, result.output
    meta = json.loads(Path(f"{out}.meta.json").read_text())
    assert meta["columns"] == ACLED_COLUMNS and meta["dataset_version"]
    assert list(pd.read_csv(out).columns) == ACLED_COLUMNS

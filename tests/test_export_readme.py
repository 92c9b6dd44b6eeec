"""The README's column dictionary is the one the code generates."""

from __future__ import annotations

from pathlib import Path

from crawler.exporting.articles import ARTICLE_COLUMNS
from crawler.exporting.columns import Column
from crawler.exporting.dictionary import (
    dictionary_block,
    dictionary_tables,
    markdown_table,
    render_dictionary,
    update_readme,
)

README = Path(__file__).resolve().parents[1] / "README.md"


def _exports_section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("\n## Exports\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else len(text)]


def test_readme_dictionary_equals_the_generated_tables() -> None:
    section = _exports_section()
    block = dictionary_block(section)
    assert block is not None, "the Exports section lost its column dictionary block"
    assert block == render_dictionary(), (
        "README column dictionary is out of date: "
        "run python -m crawler.exporting.dictionary README.md"
    )
    for _heading, columns in dictionary_tables():
        assert markdown_table(columns) in section


def test_every_article_column_is_documented_in_the_readme() -> None:
    section = _exports_section()
    for column in ARTICLE_COLUMNS:
        assert f"| `{column.name}` |" in section


def test_markdown_table_escapes_bars_and_newlines() -> None:
    table = markdown_table((Column("a", "list", "one | two\nthree"),))
    assert table.splitlines()[-1] == "| `a` | list of text | one \\| two three |"


def test_update_readme_rewrites_only_the_block(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    stale = render_dictionary().replace("| `url` |", "| `old_url` |")
    readme.write_text(f"# Title\n\n## Exports\n\n{stale}\n\n## Next\n", encoding="utf-8")
    assert update_readme(readme) is True
    assert readme.read_text(encoding="utf-8") == (
        f"# Title\n\n## Exports\n\n{render_dictionary()}\n\n## Next\n"
    )
    assert update_readme(readme) is False

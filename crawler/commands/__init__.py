"""The CLI's sub-commands, one module each."""

from crawler.commands.archive import import_warc, reextract_command
from crawler.commands.demo import demo
from crawler.commands.evaluate import evaluate
from crawler.commands.export import export, stats
from crawler.commands.extract import extract
from crawler.commands.harvest import harvest

__all__ = [
    "demo",
    "evaluate",
    "export",
    "extract",
    "harvest",
    "import_warc",
    "reextract_command",
    "stats",
]

"""Check the data without building the site: `make check` (and pre-commit) run this.

usage: python hooks/check.py [PROJECT_ROOT]
Exit status 0 when the data is sound, 1 with one line per problem otherwise.
"""

import sys
from pathlib import Path

import catalogue
from schema import Schemas


def main(argv: list[str]) -> int:
    root = Path(argv[1] if len(argv) > 1 else Path(__file__).resolve().parent.parent).resolve()
    try:
        data = catalogue.load(root / "data", Schemas(root / "schemas"), root)
    except catalogue.DataError as error:
        print(error, file=sys.stderr)
        return 1
    counts = data.counts
    print(f"data/ is sound: {len(data.documents)} files, {counts['models']} models, {counts['benchmarks']} benchmarks, "
          f"{counts['entries']} atlas entries, {counts['links']} atlas links")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

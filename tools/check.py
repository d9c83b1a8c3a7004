"""Check the data without building the site: `make check` (and pre-commit) run this.

usage: python tools/check.py [PROJECT_FOLDER]
Reads PROJECT_FOLDER/data (default: this repository's) against schemas/.
Exit status 0 when the data is sound, 1 with one line per problem otherwise.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
from zoosite import catalogue, views  # noqa: E402
from zoosite.schema import Schemas  # noqa: E402

REPOSITORY = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    root = Path(argv[1]).resolve() if len(argv) > 1 else REPOSITORY
    schemas = Schemas(REPOSITORY / "schemas")
    try:
        data = catalogue.load(root / "data", schemas, root)
    except catalogue.DataError as error:
        print(error, file=sys.stderr)
        return 1
    counts = views.build(data, schemas).counts
    print(f"data/ is sound: {len(data.documents)} files, {counts.models} models, {counts.benchmarks} benchmarks, "
          f"{counts.entries} atlas entries, {counts.links} atlas links")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

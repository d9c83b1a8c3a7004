"""The project's own words for Chinese search: the tag names, which name tasks and topics.

Material's search segments Chinese text with jieba while it indexes, and the
theme's search worker (patched by tools/theme.py) splits a Chinese query into
the words of that index, longest first, so both sides cut the same way. Tag
names such as 推理部署 or 语义分割 are single concepts readers type whole;
jieba alone would cut them into pieces that match far too much. Longer names
(个性化推荐, 场景文字识别, entry names) are deliberately not taught: as one
word, a name could not be found by its parts (推荐, 文字识别), while cut into
words it is found both by its parts and whole. A new tag is searchable as one
word without any configuration.

The words go to jieba through the search plugin's own option, jieba_dict_user:
a file written from the data for each build.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

HAN = re.compile(r"[\u3400-\u9fff]")
# Words used everywhere that no tag supplies.
GENERAL = ["飞桨", "模型库", "生态图谱"]


def words(site) -> list[str]:
    names = [*GENERAL, *(tag.name["zh"] for tag in site.tags.values())]
    return sorted({name.strip() for name in names if HAN.search(name) and " " not in name.strip()})


def dictionary(site, path: Path) -> str:
    """Write the user dictionary (one word per line; jieba works out each
    word's frequency so that it is kept whole) and return its path."""
    # jieba reports building its dictionary on stderr; that is not a build message.
    logging.getLogger("jieba").setLevel(logging.WARNING)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(f"{word}\n" for word in words(site))
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return str(path)

"""Teach jieba the project's own words: the tag names, which name tasks and topics.

Material's search segments Chinese text with jieba while it indexes, and the
search worker splits a Chinese query into the words of that index (longest
first; see search_worker.py), so both sides cut the same way. Tag names such
as 推理部署 or 语义分割 are single concepts readers type whole; jieba alone
would cut them into pieces that match far too much. Longer names (个性化推荐,
场景文字识别, entry names) are deliberately not taught: as one word, a name
could not be found by its parts (推荐, 文字识别), while cut into words it is
found both by its parts and whole. A new tag is searchable as one word without
any configuration.
"""

from __future__ import annotations

import logging
import re

import jieba

HAN = re.compile(r"[\u3400-\u9fff]")
# Words used everywhere that no tag supplies.
GENERAL = ["飞桨", "模型库", "生态图谱"]


def words(catalogue) -> set[str]:
    names = [*GENERAL, *(tag["name"]["zh"] for tag in catalogue.tags.values())]
    return {name.strip() for name in names if HAN.search(name) and " " not in name.strip()}


def teach(catalogue) -> None:
    jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict" chatter is not a build message
    for word in sorted(words(catalogue)):
        jieba.add_word(word)

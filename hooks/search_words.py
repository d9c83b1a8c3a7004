"""Teach jieba the project's own words, so that Chinese search finds them whole.

Material's search segments Chinese text with jieba's default tokenizer while it
indexes; without these words, 推理部署 or 飞桨大语言模型 would be split into
pieces that match far too much. The words come from the data, so a new entry's
name is searchable as one word without any configuration.
"""

from __future__ import annotations

import logging
import re

import jieba

HAN = re.compile(r"[\u3400-\u9fff]")
# Words used everywhere that no name in the data supplies (task words such as
# 推理部署 or 目标检测 come from the tags).
GENERAL = ["飞桨", "模型库", "生态图谱"]


def words(catalogue) -> set[str]:
    names = [*GENERAL]
    for collection in (catalogue.entries, catalogue.models):
        names += [item["name"]["zh"] if isinstance(item["name"], dict) else item["name"] for item in collection]
    names += [section["title"]["zh"] for section in catalogue.sections]
    names += [tag["name"]["zh"] for tag in catalogue.tags.values()]
    names += [category["name"]["zh"] for category in catalogue.categories]
    return {name.strip() for name in names if HAN.search(name) and " " not in name.strip()}


def teach(catalogue) -> None:
    jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict" chatter is not a build message
    for word in sorted(words(catalogue)):
        jieba.add_word(word)

"""How much a regular expression can make Python's backtracking engine try.

A deterministic check instead of a timed one, so that a verdict never depends
on the machine. A pattern is read as a Glushkov automaton: its positions are
its character classes, each with the positions that may follow it. Where the
classes that may come next overlap, a character can be taken in two ways: a
choice point, which a failing match tries both ways. Where one position
follows another by two routes (as in (a+)+), or the empty text can be matched
twice (as in (a|)* or (a?)*), the tries multiply: the pattern is exponential.

Classes are compared on every code point below U+0250 and a few beyond.
"""

from __future__ import annotations

from dataclasses import dataclass
from re import _constants as c  # the parser of the re module: the only exact reading of a pattern
from re import _parser as sre

SAMPLE = [chr(n) for n in range(0x250)] + [chr(n) for n in (0x2028, 0x200B, 0x3000, 0x3001, 0x3400, 0x4E00, 0x9FFF,
                                                            0xFEFF, 0xFF01, 0xFFEF, 0x1F600)]
CATEGORIES = {c.CATEGORY_DIGIT: str.isdecimal, c.CATEGORY_SPACE: str.isspace,
              c.CATEGORY_WORD: lambda ch: ch.isalnum() or ch == "_",
              c.CATEGORY_NOT_DIGIT: lambda ch: not ch.isdecimal(), c.CATEGORY_NOT_SPACE: lambda ch: not ch.isspace(),
              c.CATEGORY_NOT_WORD: lambda ch: not (ch.isalnum() or ch == "_")}


@dataclass(frozen=True)
class Backtracking:
    exponential: bool  # a nested or doubled repetition, a back reference or a lookaround
    anchored: bool  # the pattern starts with ^ (or \A): tried from the first character only
    choices: int  # positions after which the next character can be taken two ways
    repeats: bool  # some position may follow itself, directly or not

    def linear(self) -> bool:
        """No choice anywhere: a failed attempt fails at its first wrong character."""
        return not self.exponential and self.choices == 0 and (self.anchored or not self.repeats)

    def at_most_quadratic(self, anchored: bool) -> bool:
        """Two choice points at most (a repetition and the way into it), on a
        pattern tried from the start only (as re.match does when `anchored`).
        The slowest such pattern found, /\\w*\\d*x, takes 0.4 s on 2,000
        characters; one more choice, as in /[a-z]*[a-m]*[a-f]*x, takes a minute."""
        return not self.exponential and self.choices <= 2 and (self.anchored or anchored)


def _member(op, value, ch) -> bool:
    if op is c.LITERAL:
        return ord(ch) == value
    if op is c.NOT_LITERAL:
        return ord(ch) != value
    if op is c.ANY:
        return ch != "\n"
    if op is c.RANGE:
        return value[0] <= ord(ch) <= value[1]
    if op is c.CATEGORY:
        return CATEGORIES[value](ch)
    if op is c.IN:
        negate = value[:1] == [(c.NEGATE, None)]
        return negate != any(_member(o, v, ch) for o, v in value[negate:])
    raise ValueError(op)


def backtracking(pattern: str) -> Backtracking:
    classes, follow, doubled = [], {}, []

    def walk(items) -> tuple[bool, list, list]:
        """(may match nothing, first positions, last positions) of a sequence;
        the lists keep a position twice when two routes lead to it."""
        nullable, first, last = True, [], []
        for op, value in items:
            if op is c.AT:
                continue
            if op is c.SUBPATTERN:
                part = walk(value[3])
            elif op is c.BRANCH:
                parts = [walk(branch) for branch in value[1]]
                doubled.append(sum(p[0] for p in parts) > 1)
                part = (any(p[0] for p in parts), [q for p in parts for q in p[1]], [q for p in parts for q in p[2]])
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
                low, high, body = value
                inner = walk(body)
                doubled.append(high > 1 and inner[0])
                if high > 1:
                    for position in inner[2]:
                        follow.setdefault(position, []).extend(inner[1])
                part = (low == 0 or inner[0], inner[1], inner[2])
            elif op in (c.LITERAL, c.NOT_LITERAL, c.ANY, c.IN):
                classes.append(frozenset(ch for ch in SAMPLE if _member(op, value, ch)))
                part = (False, [len(classes) - 1], [len(classes) - 1])
            else:  # back references, lookarounds, conditionals: no bound is known
                doubled.append(True)
                return True, [], []
            for position in last:
                follow.setdefault(position, []).extend(part[1])
            first += part[1] if nullable else []
            last = part[2] + (last if part[0] else [])
            nullable = nullable and part[0]
        return nullable, first, last

    tree = sre.parse(pattern)
    _, first, _ = walk(tree.data)

    def overlaps(choices: list) -> bool:
        seen = set()
        for position in choices:
            if seen & classes[position]:
                return True
            seen |= classes[position]
        return False

    twice = any(len(set(choices)) < len(choices) for choices in follow.values())
    return Backtracking(exponential=any(doubled) or twice,
                        anchored=tree.data[:1] in ([(c.AT, c.AT_BEGINNING)], [(c.AT, c.AT_BEGINNING_STRING)]),
                        choices=overlaps(first) + sum(overlaps(choices) for choices in follow.values()),
                        repeats=bool(follow))

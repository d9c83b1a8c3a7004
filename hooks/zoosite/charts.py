"""Charts beside the comparison tables, laid out at build time.

This module computes geometry only: positions and sizes in SVG user units, and
the texts whose widths decide them. templates/charts.j2 draws it as inline SVG,
so a chart costs the reader no script and no request.

Two charts per table:
- ranking: the lead column (the first metric, else the first time or size) of
  every row that has a number in it, best first. Bars start at zero; when the
  values crowd far from zero, a dot plot on a labelled range instead.
- pair: where a benchmark reports two or more metrics, its first two as a slope
  chart, one axis per metric, for the rows that have both.

And on a leaderboard, one per trade-off its table charts (tradeoffs.py):
accuracy against a cost, with the Pareto front.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from itertools import combinations

FONT = 12  # every chart text, in user units (1 unit = 1 px at the natural size)
LINE = 15  # height of one line of text
ROW = 22  # height of a model's row in a ranking
BAR = 14  # thickness of a bar
DOT = 5  # radius of a dot in a ranking
POINT = 4  # radius of a point in a pair chart, where points sit closer
GAP = 8  # between a text and what it labels
PAD = 4  # around the whole chart
PLOT = 280  # length of a ranking's value axis
SLOPE = 160  # distance between a pair chart's two axes
# A chart shrinks to the content width, but to no less than this share of its
# natural size, so its text stays at 9 px or more; below that it scrolls in its box.
SMALLEST = 0.75


def text_width(text: str) -> float:
    """About how wide a text is drawn, generously, so that no label is cut off:
    a Chinese character takes a full em, a capital about three quarters of
    one, any other letter or digit a little over half."""
    return FONT * sum(1 if unicodedata.east_asian_width(char) in "WF" else 0.75 if char.isupper() else 0.62
                      for char in text)


def shown(value, column) -> str:
    """A value as its table cell shows it: a size keeps its own unit where the column's differs."""
    return f"{value.written} {value.unit}" if value.unit and value.unit != column.symbol else value.written


def label(row, tr) -> str:
    """A row as the chart names it: "Model (backbone)" where the result has a backbone."""
    name = tr(row.model.name)
    backbone = row.result.backbone
    return f"{name} ({backbone})" if backbone else name


@dataclass
class Axis:
    """A value axis from one round number to another, in round steps."""

    start: float
    end: float
    step: float

    @classmethod
    def around(cls, low: float, high: float) -> "Axis":
        """The smallest range of whole steps holding low..high; a step is 1, 2,
        2.5 or 5 times a power of ten, about five to the range."""
        raw = ((high - low) or abs(high) or 1) / 5
        power = 10 ** math.floor(math.log10(raw))
        step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
        start, end = math.floor(low / step) * step, math.ceil(high / step) * step
        return cls(start, end if end > start else start + step, step)

    def share(self, value: float) -> float:
        """Where a value lies along the axis, from 0 (start) to 1 (end)."""
        return (value - self.start) / (self.end - self.start)

    def ticks(self) -> list[float]:
        return [self.start + i * self.step for i in range(round((self.end - self.start) / self.step) + 1)]

    def text(self, value: float) -> str:
        """A tick as text, with as many decimals as the step needs (a step of 2.5: 55.0, 57.5)."""
        decimals = next(d for d in range(12) if abs(round(self.step, d) - self.step) < 1e-9)
        return f"{value:.{decimals}f}"


def ranking(table, tr) -> dict | None:
    """The lead column of every row that has a number in it, in the table's
    order (views.py sorts rows best first by it, for either direction, and
    rows without one last)."""
    measured = [row for row in table.rows if row.result.cells and row.result.cells[0]]
    if not measured:
        return None
    metric = table.lead
    values = [row.result.cells[0].number for row in measured]
    # Bars must start at zero, since their length is read as the value. When the
    # smallest value is more than half the largest, bars from zero would differ
    # in their last half only, and look nearly equal (ImageNet top-1: 56.7 to
    # 81.4). Position then carries the value instead: dots on an axis that
    # starts near the values, its ends labelled so that no reader takes it for zero.
    dots = len(values) > 1 and min(values) > max(values) / 2
    axis = Axis.around(min(values), max(values)) if dots else Axis.around(0, max(values))
    labels = [label(row, tr) for row in measured]
    written = [shown(row.result.cells[0], metric) for row in measured]
    left = PAD + max(map(text_width, labels)) + GAP
    ticks = [{"x": round(left + axis.share(tick) * PLOT, 1), "text": axis.text(tick)} for tick in axis.ticks()]
    # A value is written just past its mark; the best one may sit at the axis end.
    past_mark = GAP + (DOT if dots else 0)
    width = left + PLOT + max(past_mark + max(map(text_width, written)), text_width(ticks[-1]["text"]) / 2) + PAD
    rows = []
    for i, (name, value, text) in enumerate(zip(labels, values, written)):
        x = left + axis.share(value) * PLOT
        y = PAD + (i + 0.5) * ROW
        rows.append({"label": name, "value": text, "x": round(x, 1), "y": y, "value_x": round(x + past_mark, 1),
                     "bar_y": y - BAR / 2, "bar_length": round(x - left, 1)})
    bottom = PAD + len(rows) * ROW
    return {
        "kind": "dots" if dots else "bars",
        "metric": metric,
        "rows": rows,
        "ticks": ticks,
        "start": ticks[0]["text"],
        "end": ticks[-1]["text"],
        "left": round(left, 1),
        "right": round(left + PLOT, 1),
        "label_x": round(left - GAP, 1),
        "top": PAD,
        "bottom": bottom,
        "tick_y": bottom + LINE,
        "bar": BAR,
        "dot": DOT,
        **size(width, bottom + LINE + PAD),
    }


def pair(table, tr) -> dict | None:
    """The first two metrics of every row as a slope chart: one axis per metric,
    best at the top of each, a line from a model's first value to its second.

    A slope chart rather than a scatter plot: its labels only need to move up
    or down to stay apart, where a scatter plot's would need placing in two
    dimensions, and ImageNet's 18 points lie nearly on one line. A line that
    crosses another shows at once that the two metrics rank those models
    differently. Each metric keeps its own range: on a shared one, top-5 would
    crowd into the top of the chart and every line would only say top-5 > top-1.
    """
    rows = [row for row in table.rows if row.result.cells[:2].count(None) == 0] if len(table.metrics) >= 2 else []
    if len(rows) < 2:
        return None
    labels = [label(row, tr) for row in rows]
    top = PAD + 2 * LINE + GAP  # below each metric's name and its axis's best end
    bottom = top + max(8 * LINE, (len(labels) - 1) * LINE)
    first, second = (pair_side(table.metrics[column], rows, column, labels, tr, top, bottom) for column in (0, 1))
    left_axis = PAD + first["column"] + 2 * GAP
    right_axis = left_axis + SLOPE
    swaps = sum(1 for i, j in combinations(range(len(labels)), 2)
                if (first["better"][i] - first["better"][j]) * (second["better"][i] - second["better"][j]) < 0)
    return {
        "sides": [first, second],
        "models": labels,
        "leaders": [leader(s, labels) for s in (first, second)],
        "swaps": swaps,
        "pairs": len(labels) * (len(labels) - 1) // 2,
        "left_axis": round(left_axis, 1),
        "right_axis": round(right_axis, 1),
        "left_label_x": round(left_axis - 2 * GAP, 1),
        "right_label_x": round(right_axis + 2 * GAP, 1),
        "name_y": PAD + FONT,
        "best_y": PAD + FONT + LINE,
        "worst_y": bottom + GAP + FONT,
        "top": top,
        "bottom": bottom,
        "dot": POINT,
        **size(right_axis + 2 * GAP + second["column"] + PAD, bottom + GAP + FONT + PAD),
    }


def pair_side(metric, rows, column: int, labels: list[str], tr, top: float, bottom: float) -> dict:
    """One axis of a pair chart (the table's metric in that column), and the points and labels along it."""
    values = [row.result.cells[column].number for row in rows]
    written = [row.result.cells[column].written for row in rows]
    axis = Axis.around(min(values), max(values))
    better = [v if metric.higher_is_better else -v for v in values]
    # The better end of the axis at the top, whichever way the metric runs.
    ys = [bottom - (axis.share(v) if metric.higher_is_better else 1 - axis.share(v)) * (bottom - top)
          for v in values]
    texts = [f"{name} {text}" for name, text in zip(labels, written)]
    return {
        "metric": metric,
        "points": [{"value": text, "y": round(y, 1), "label_y": round(label_y, 1)}
                   for text, y, label_y in zip(written, ys, spread(ys, top, bottom))],
        "best": axis.text(axis.end if metric.higher_is_better else axis.start),
        "worst": axis.text(axis.start if metric.higher_is_better else axis.end),
        "better": better,
        "column": max(map(text_width, [tr(metric.name), *texts])),
    }


def leader(side: dict, labels: list[str]) -> dict:
    """The best model on one side of a pair chart (the first of equals)."""
    i = side["better"].index(max(side["better"]))
    return {"label": labels[i], "value": side["points"][i]["value"]}


def spread(ys: list[float], top: float, bottom: float) -> list[float]:
    """Where to write labels meant for heights ys: as near them as can be while
    a line apart, in the same order, within top..bottom (which must hold them)."""
    order = sorted(range(len(ys)), key=lambda i: (ys[i], i))
    placed = []
    for i in order:
        placed.append(max(ys[i], placed[-1] + LINE if placed else top))
    for k in reversed(range(len(placed))):
        placed[k] = min(placed[k], placed[k + 1] - LINE if k + 1 < len(placed) else bottom)
    at = [0.0] * len(ys)
    for k, i in enumerate(order):
        at[i] = placed[k]
    return at


def size(width: float, height: float) -> dict:
    width = math.ceil(width)
    return {"width": width, "height": math.ceil(height), "min_width": math.ceil(width * SMALLEST), "font": FONT}


TRADE_WIDTH = 360  # length of a trade-off chart's cost axis
TRADE_HEIGHT = 220  # and of its accuracy axis


@dataclass
class LogAxis:
    """A cost axis on a log scale, from the round value (1, 2 or 5 times a
    power of ten) at or below the cheapest to the one at or above the
    dearest; ticks at those round values, or at powers of ten alone where the
    axis spans more than three of them."""

    start: float
    end: float

    @classmethod
    def around(cls, low: float, high: float) -> "LogAxis":
        start = max(v for v in cls.round_values(low / 10, low) if v <= low)
        return cls(start, min(v for v in cls.round_values(high, high * 10) if v >= high))

    @staticmethod
    def round_values(low: float, high: float) -> list[float]:
        first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
        return [float(f"{m}e{e}") for e in range(first, last + 1) for m in (1, 2, 5)]

    def share(self, value: float) -> float:
        return math.log10(value / self.start) / math.log10(self.end / self.start)

    def ticks(self) -> list[float]:
        within = [v for v in self.round_values(self.start, self.end) if self.start <= v <= self.end]
        if self.end / self.start > 1000:
            within = [v for v in within if v in (self.start, self.end) or math.log10(v) == round(math.log10(v))]
        return within

    @staticmethod
    def text(value: float) -> str:
        return f"{value:.10f}".rstrip("0").rstrip(".")


def cost_text(value, column) -> str:
    """A time or size with its unit: 13.19 ms, 1.04 GB."""
    return shown(value, column) if value.unit and value.unit != column.symbol else f"{value.written} {column.symbol}"


def tradeoff(trade, tr) -> dict:
    """A trade-off (tradeoffs.py) as a scatter plot: cost along, accuracy up
    (the better end at the top, whichever way the metric runs), the Pareto
    front as a staircase through its points, each numbered for the list under
    the chart. Every point is a link of its own, named with its model and
    both values, so that a keyboard reaches each one."""
    costs = [p.cost.number for p in trade.points]
    accuracies = [p.accuracy.number for p in trade.points]
    across = LogAxis.around(min(costs), max(costs)) if trade.log else Axis.around(0, max(costs))
    up = Axis.around(min(accuracies), max(accuracies))
    y_ticks = [up.text(tick) for tick in up.ticks()]
    left = PAD + max(map(text_width, y_ticks)) + GAP
    top = PAD + LINE + GAP  # below the accuracy axis's name
    bottom = top + TRADE_HEIGHT
    better_up = trade.metric.higher_is_better

    def y(value: float) -> float:
        share = up.share(value)
        return round(bottom - (share if better_up else 1 - share) * TRADE_HEIGHT, 1)

    def x(value: float) -> float:
        return round(left + across.share(value) * TRADE_WIDTH, 1)

    number = {id(p): i + 1 for i, p in enumerate(trade.front)}
    points = [{"point": p, "x": x(p.cost.number), "y": y(p.accuracy.number), "front": number.get(id(p)),
               "label": label(p.row, tr), "accuracy": p.accuracy.written + trade.metric.symbol,
               "cost": cost_text(p.cost, trade.cost)}
              for p in trade.points]
    # The front's points are drawn last, over the others.
    points.sort(key=lambda point: point["front"] is not None)
    steps = []
    for a, b in zip(trade.front, trade.front[1:]):
        steps += [(x(a.cost.number), y(a.accuracy.number)), (x(b.cost.number), y(a.accuracy.number))]
    if trade.front:
        last = trade.front[-1]
        steps.append((x(last.cost.number), y(last.accuracy.number)))
    x_ticks = [{"x": x(tick), "text": across.text(tick)} for tick in across.ticks()]
    tick_y = bottom + LINE
    return {
        "trade": trade,
        "points": points,
        "front": [point for point in sorted(points, key=lambda point: point["front"] or 0) if point["front"]],
        "steps": " ".join(f"{sx},{sy}" for sx, sy in steps),
        "x_ticks": x_ticks,
        "y_ticks": [{"y": y(tick), "text": text} for tick, text in zip(up.ticks(), y_ticks)],
        "left": round(left, 1),
        "right": round(left + TRADE_WIDTH, 1),
        "top": top,
        "bottom": bottom,
        "tick_y": tick_y,
        "name_y": PAD + FONT,
        "cost_name_y": tick_y + LINE + GAP,
        "y_label_x": round(left - GAP, 1),
        "dot": POINT,
        "start": x_ticks[0]["text"],
        "end": x_ticks[-1]["text"],
        **size(left + TRADE_WIDTH + text_width(x_ticks[-1]["text"]) / 2 + GAP * 2 + PAD, tick_y + 2 * LINE + GAP + PAD),
    }

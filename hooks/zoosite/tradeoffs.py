"""What a benchmark's models trade for accuracy: the one definition of its
trade-off points, their Pareto front and a model's neighbours.

A trade-off sets a table's lead metric (its first, "accuracy" in the reader's
words, whichever way it runs) against one of its cost columns (a time taken
one way on one device, or the size), over the rows that have both numbers. It
exists where at least MINIMUM rows do. views.py builds each table's trade-offs
once (Table.tradeoffs); the leaderboards' charts and the model pages read
them. A table charts one trade-off per axis (a GPU's time, a CPU's time, the
size): the first of its columns on that axis (Tradeoff.charted).

Definitions, stated once:
- better accuracy is a higher value for a metric where higher is better and a
  lower one otherwise (MSE); a cost is always better lower;
- a point dominates another when it is at least as good on both and better on
  one. The front is every point no other point dominates. Two models with the
  same accuracy and the same cost are both on the front (neither dominates);
  of two with the same cost, only the more accurate one is;
- a model's neighbours on a trade-off: the cheaper one is the point whose cost
  is the highest below the model's (the next faster or smaller model); the
  more accurate one is the point whose accuracy is the worst of those better
  than the model's. Equal candidates are settled by the other number (the more
  accurate, the cheaper), then by table order (the leaderboard's);
- the axis is logarithmic where its costs span more than LOG_SPAN times
  (the largest over the smallest, all above zero).
"""

from __future__ import annotations

from dataclasses import dataclass

MINIMUM = 3
LOG_SPAN = 10


@dataclass(frozen=True)
class Point:
    row: "Row"  # views.Row: the model and its result
    accuracy: "Value"  # the lead metric's value
    cost: "Value"
    better: float  # the accuracy, signed so that larger is better
    front: bool

    @property
    def model(self):
        return self.row.model


@dataclass(frozen=True)
class Tradeoff:
    table: str  # the table's key
    metric: "Metric"  # the table's lead metric
    cost: "Cost"
    axis: str  # what the cost is, for a reader choosing hardware: gpu, cpu (a target's kind), or size
    points: tuple[Point, ...]  # in the table's order: best accuracy first
    front: tuple[Point, ...]  # cheapest first
    log: bool
    charted: bool  # the first trade-off of its axis in the table: the one its chart draws

    def point(self, model_id: str, backbone: str | None = None) -> Point | None:
        return next((p for p in self.points if p.model.id == model_id and p.row.result.backbone == backbone), None)

    def neighbours(self, model_id: str, backbone: str | None = None) -> tuple[Point | None, Point | None]:
        """(the next cheaper model, the next more accurate one); None where there is none."""
        own = self.point(model_id, backbone)
        if own is None:
            return None, None
        ranked = list(enumerate(self.points))
        cheaper = [(i, p) for i, p in ranked if p.cost.number < own.cost.number]
        better = [(i, p) for i, p in ranked if p.better > own.better]
        first_cheaper = min(cheaper, key=lambda ip: (-ip[1].cost.number, -ip[1].better, ip[0]), default=(0, None))
        first_better = min(better, key=lambda ip: (ip[1].better, ip[1].cost.number, ip[0]), default=(0, None))
        return first_cheaper[1], first_better[1]


def axis_of(cost) -> str:
    return cost.condition.target.kind if cost.condition else "size"


def of_table(key: str, metrics: tuple, costs: tuple, rows: tuple) -> tuple[Tradeoff, ...]:
    """Every trade-off of a table, in its cost columns' order (times, then size)."""
    if not metrics:
        return ()
    metric = metrics[0]
    sign = 1 if metric.higher_is_better else -1
    tradeoffs, axes = [], set()
    for k, cost in enumerate(costs):
        pairs = [(row, row.result.cells[0], row.result.costs[k]) for row in rows
                 if row.result.cells[0] is not None and row.result.costs[k] is not None]
        if len(pairs) < MINIMUM:
            continue
        scores = [(sign * accuracy.number, value.number) for _, accuracy, value in pairs]
        points = tuple(Point(row, accuracy, value, better, not dominated(better, spent, scores))
                       for (row, accuracy, value), (better, spent) in zip(pairs, scores))
        numbers = [spent for _, spent in scores]
        tradeoffs.append(Tradeoff(
            table=key, metric=metric, cost=cost, axis=axis_of(cost), points=points,
            front=tuple(sorted((p for p in points if p.front), key=lambda p: (p.cost.number, -p.better))),
            log=min(numbers) > 0 and max(numbers) > LOG_SPAN * min(numbers),
            # One chart per axis (GPU time, CPU time, size): the other timing
            # modes stay in the table and its budgets.
            charted=axis_of(cost) not in axes,
        ))
        axes.add(axis_of(cost))
    return tuple(tradeoffs)


def dominated(better: float, spent: float, scores: list[tuple[float, float]]) -> bool:
    return any(b >= better and s <= spent and (b > better or s < spent) for b, s in scores)


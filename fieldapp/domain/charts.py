"""Small charts drawn on the server: bar lengths and sparkline points for SVG."""


def bar_percent(value: float | None, of: float | None) -> float:
    """How much of a bar to fill, 0–100 (a value beyond the target fills it)."""
    if not value or not of or of <= 0:
        return 0.0
    return round(min(100.0, 100.0 * value / of), 1)


def sparkline(values: list[float], width: int = 120, height: int = 32) -> str:
    """SVG polyline points for values, left to right, scaled to the box.

    The lowest value sits on the bottom edge only when it is 0: a flat line of
    equal values is drawn at its height relative to the highest, not at the top.
    """
    if not values:
        return ""
    top = max(max(values), 1)
    step = width / (len(values) - 1) if len(values) > 1 else 0.0
    pad = 2
    points = []
    for index, value in enumerate(values):
        x = round(index * step, 1)
        y = round(pad + (height - 2 * pad) * (1 - value / top), 1)
        points.append(f"{x},{y}")
    return " ".join(points)

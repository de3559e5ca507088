"""Line charts of the benchmark's figures as a small, self-contained SVG (no plotting
library): one panel per measure, the number of events on a logarithmic axis."""

import math
from html import escape

WIDTH, PANEL_HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 720, 260, 70, 250, 40, 40
COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#7f7f7f", "#bcbd22", "#e377c2"]


def line_chart(panels, title):
    """``panels``: [(title, {series name: [(events, value)]})], drawn one below another."""
    height = TOP + len(panels) * (PANEL_HEIGHT + BOTTOM) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
        '<rect width="100%" height="100%" fill="white"/>',
        f'<text x="{LEFT}" y="20" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    for index, (heading, series) in enumerate(panels):
        parts += _panel(heading, series, TOP + index * (PANEL_HEIGHT + BOTTOM))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _panel(heading, series, top):
    xs = sorted({x for points in series.values() for x, _ in points})
    ys = [y for points in series.values() for _, y in points]
    if not xs or not ys:
        return []
    plot_width, plot_height = WIDTH - LEFT - RIGHT, PANEL_HEIGHT - 40
    low, high = math.log10(min(xs)), math.log10(max(xs))
    peak = _nice(max(ys))

    def x_of(value):
        return LEFT + (0.5 if high == low else (math.log10(value) - low) / (high - low)) * plot_width

    def y_of(value):
        return top + 30 + plot_height * (1 - value / peak)

    parts = [
        f'<text x="{LEFT}" y="{top + 18}" font-size="12" font-weight="bold">{escape(heading)}</text>',
        f'<line x1="{LEFT}" y1="{y_of(0)}" x2="{LEFT + plot_width}" y2="{y_of(0)}" stroke="#333"/>',
        f'<line x1="{LEFT}" y1="{y_of(0)}" x2="{LEFT}" y2="{y_of(peak)}" stroke="#333"/>',
    ]
    for step in range(5):
        value = peak * step / 4
        label = f"{value:,.0f}" if peak >= 20 else f"{value:,.1f}"
        parts.append(f'<text x="{LEFT - 6}" y="{y_of(value) + 4}" text-anchor="end">{label}</text>')
        parts.append(
            f'<line x1="{LEFT}" y1="{y_of(value)}" x2="{LEFT + plot_width}" y2="{y_of(value)}" stroke="#eee"/>'
        )
    for value in xs:
        parts.append(f'<text x="{x_of(value)}" y="{y_of(0) + 16}" text-anchor="middle">{value:,} events</text>')
    for number, (name, points) in enumerate(series.items()):
        colour = COLOURS[number % len(COLOURS)]
        dash = ' stroke-dasharray="5 3"' if "postgresql" in name else ""
        path = " ".join(f"{x_of(x):.1f},{y_of(y):.1f}" for x, y in sorted(points))
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
        for x, y in points:
            dot = f'<circle cx="{x_of(x):.1f}" cy="{y_of(y):.1f}" r="3" fill="{colour}">'
            parts.append(f"{dot}<title>{escape(name)}: {y:,}</title></circle>")
        legend_y = top + 40 + number * 16
        key = WIDTH - RIGHT + 15
        stroke = f'stroke="{colour}" stroke-width="2"{dash}'
        parts.append(f'<line x1="{key}" y1="{legend_y}" x2="{key + 20}" y2="{legend_y}" {stroke}/>')
        parts.append(f'<text x="{WIDTH - RIGHT + 40}" y="{legend_y + 4}">{escape(name)}</text>')
    return parts


def _nice(value):
    """A round number at or above ``value`` for the top of an axis."""
    if value <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    return next(step * magnitude for step in (1, 2, 2.5, 5, 10) if step * magnitude >= value)

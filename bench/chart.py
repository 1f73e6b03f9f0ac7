#!/usr/bin/env python3
"""Draws bench/table.sh's results (bench/results.tsv) as an SVG bar chart.

One group of horizontal bars per benchmark row, one colour per column
(untranslated, python3, pypy3, native, JIT, limit), median wall time on a
log-scale axis. Cells that were not run are absent; a run killed by the
timeout is drawn as a pale dashed bar reaching the timeout, labelled "> T s".
Standard library only.
Usage: chart.py RESULTS.tsv OUT.svg
"""
import math
import sys
from xml.sax.saxutils import escape

from report import HEADINGS, fmt_time, read_tsv

# Okabe-Ito colours (distinguishable with colour blindness).
COLOURS = {
    "interp": "#E69F00",
    "python3": "#56B4E9",
    "pypy3": "#009E73",
    "native": "#0072B2",
    "jit": "#D55E00",
    "limit": "#555555",
}
FONT = "font-family='DejaVu Sans, Helvetica, Arial, sans-serif'"

WIDTH = 960
LEFT = 160          # room for the row labels (at least)
RIGHT = 80          # room for the value after the longest bar
BAR = 13
BAR_GAP = 2
GROUP_GAP = 16
TOP = 92            # title, subtitle, legend
AXIS = 40           # tick labels under the plot


def tick_label(decade):
    value = 10.0 ** decade
    text = ("%g" % value) if decade < 5 else "1e%d" % decade
    return text + " s"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    meta, columns, rows = read_tsv(sys.argv[1])
    timeout = float(meta.get("timeout", "600"))

    # What to draw: per row, a list of (column, seconds, timed_out).
    groups = []
    for r in rows:
        bars = []
        for c in columns:
            cell = r["cells"].get(c)
            if cell is None:
                continue
            if cell["status"] in ("ok", "mismatch") and cell["median_s"]:
                bars.append((c, max(float(cell["median_s"]), 1e-4), False))
            elif cell["status"] == "timeout":
                bars.append((c, timeout, True))
        groups.append((r["label"], bars))
    values = [s for _, bars in groups for _, s, _ in bars] or [1.0]
    lo = math.floor(math.log10(min(values)))
    hi = math.ceil(math.log10(max(values)))
    if hi == lo:
        hi += 1
    lo_edge = lo - 0.15                # a stub for the smallest bars to show

    left = max(LEFT, 24 + 7.4 * max([len(label) for label, _ in groups] or [0]))
    plot_w = WIDTH - left - RIGHT
    heights = [max(len(bars), 1) * (BAR + BAR_GAP) - BAR_GAP for _, bars in groups]
    plot_h = sum(heights) + GROUP_GAP * (len(groups) + 1)
    height = TOP + plot_h + AXIS + 16

    def x(seconds):
        return left + plot_w * (math.log10(seconds) - lo_edge) / (hi - lo_edge)

    svg = ["<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' "
           "viewBox='0 0 %d %d' %s font-size='12'>" % (WIDTH, height, WIDTH, height, FONT),
           "<rect width='100%' height='100%' fill='white'/>"]
    runs = meta.get("runs", "?")
    svg.append("<text x='%d' y='26' font-size='18' font-weight='bold'>rpy benchmarks: "
               "median wall time (log scale, shorter is faster)</text>" % 16)
    subtitle = "%s run%s per cell; %s, %s cores; %s" % (
        runs, "" if runs == "1" else "s", meta.get("cpu", "?"), meta.get("cores", "?"),
        meta.get("date", ""))
    svg.append("<text x='16' y='46' fill='#555'>%s</text>" % escape(subtitle))

    # Legend.
    lx = 16
    drawn = {c for _, bars in groups for c, _, _ in bars}
    for c in [c for c in columns if c in drawn]:
        svg.append("<rect x='%d' y='60' width='14' height='14' fill='%s'/>" % (lx, COLOURS.get(c, "#999")))
        label = HEADINGS.get(c, c)
        svg.append("<text x='%d' y='72'>%s</text>" % (lx + 19, escape(label)))
        lx += 19 + 7.2 * len(label) + 22
    if any(t for _, bars in groups for _, _, t in bars):
        svg.append("<rect x='%d' y='60' width='14' height='14' fill='#ccc' fill-opacity='0.5' "
                   "stroke='#888' stroke-dasharray='3,2'/>" % lx)
        svg.append("<text x='%d' y='72'>killed by the %g s timeout</text>" % (lx + 19, timeout))

    # Grid: a line per decade, fainter lines at 2..9.
    bottom = TOP + plot_h
    for d in range(lo, hi + 1):
        for m in range(1, 10):
            v = m * 10.0 ** d
            if v > 10.0 ** hi or math.log10(v) < lo_edge:
                continue
            major = m == 1
            svg.append("<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' stroke='%s' stroke-width='%s'/>" % (
                x(v), TOP, x(v), bottom, "#bbb" if major else "#eee", "1" if major else "0.7"))
        svg.append("<text x='%.1f' y='%d' text-anchor='middle'>%s</text>" % (
            x(10.0 ** d), bottom + 18, tick_label(d)))
    svg.append("<text x='%.1f' y='%d' text-anchor='middle' fill='#555'>wall time (s), log scale</text>"
               % (left + plot_w / 2, bottom + 36))

    # Bars.
    y = TOP + GROUP_GAP
    for (label, bars), h in zip(groups, heights):
        if y > TOP + GROUP_GAP:
            svg.append("<line x1='16' y1='%.1f' x2='%d' y2='%.1f' stroke='#f0f0f0'/>" % (
                y - GROUP_GAP / 2, WIDTH - 16, y - GROUP_GAP / 2))
        svg.append("<text x='%d' y='%.1f' text-anchor='end' dominant-baseline='middle' "
                   "font-weight='bold'>%s</text>" % (left - 10, y + h / 2, escape(label)))
        if not bars:
            svg.append("<text x='%d' y='%.1f' dominant-baseline='middle' fill='#888'>(no results)</text>"
                       % (left + 6, y + h / 2))
        for c, s, timed_out in bars:
            w = max(x(s) - left, 1)
            colour = COLOURS.get(c, "#999")
            title = "%s, %s: %s" % (label, HEADINGS.get(c, c),
                                    ("> %g s" % s) if timed_out else fmt_time(s))
            if timed_out:
                svg.append("<rect x='%d' y='%.1f' width='%.1f' height='%d' fill='%s' fill-opacity='0.25' "
                           "stroke='%s' stroke-dasharray='3,2'><title>%s</title></rect>" % (
                               left, y, w, BAR, colour, colour, escape(title)))
                text = "> %g s" % s
            else:
                svg.append("<rect x='%d' y='%.1f' width='%.1f' height='%d' fill='%s'><title>%s</title></rect>"
                           % (left, y, w, BAR, colour, escape(title)))
                text = fmt_time(s)
            svg.append("<text x='%.1f' y='%.1f' font-size='10.5' dominant-baseline='middle' fill='#333'>%s</text>"
                       % (left + w + 4, y + BAR / 2 + 0.5, escape(text)))
            y += BAR + BAR_GAP
        if not bars:
            y += BAR + BAR_GAP
        y += GROUP_GAP - BAR_GAP
    svg.append("<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#333'/>" % (left, TOP, left, bottom))
    svg.append("<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#333'/>" % (left, bottom, left + plot_w, bottom))
    svg.append("</svg>")
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        f.write("\n".join(svg) + "\n")


if __name__ == "__main__":
    main()

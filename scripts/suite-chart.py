#!/usr/bin/env python3
"""Draws a development-suite evaluation (`tidewise train evaluate ... --report RESULT.json`) as an SVG: for every kind
of series and overall, one bar per method of its relative MASE (or WQL) over all series of that kind, the geometric
mean of the ratio to seasonal naive, with seasonal naive's 1.0 as a line. Lower is better; the best bar of a row is
drawn darker. Standard library only, so it runs wherever the repository does.

    scripts/suite-chart.py eval.json models/default/4/suite-chart.svg --title "default@4" [--metric wql]
        [--methods default@4,default@3,ets,theta]
"""
import argparse
import json

COLOURS = ["#236", "#6a8cc7", "#b55", "#c9a227", "#4a8", "#888"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("report")
    parser.add_argument("output")
    parser.add_argument("--title", default="development suite")
    parser.add_argument("--metric", choices=["mase", "wql"], default="mase")
    parser.add_argument("--methods", help="comma-separated methods in the order to draw (default: all in the report)")
    args = parser.parse_args()

    with open(args.report) as source:
        evaluation = json.load(source)["evaluation"]
    key = "relativeMase" if args.metric == "mase" else "relativeWql"
    rows = [("all", evaluation["headline"]["all"])]
    rows += [(kind, splits["all"]) for kind, splits in evaluation["byKind"].items()]
    methods = args.methods.split(",") if args.methods else list(rows[0][1].keys())
    missing = [m for m in methods if m not in rows[0][1]]
    if missing:
        raise SystemExit(f"{args.report}: no method {missing} in the report, which has {list(rows[0][1].keys())}")

    values = [max((scores[m][key] for m in methods if m in scores), default=1.0) for _, scores in rows]
    top_value = max(1.2, max(values) * 1.05)
    bar, gap, left, plot_width, top = 9, 10, 125, 520, 40
    row_height = bar * len(methods) + gap
    height = top + row_height * len(rows) + 50
    width = left + plot_width + 60

    def x(value):
        return left + plot_width * min(value, top_value) / top_value

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" '
           f'font-size="11">', f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="10" y="16">{args.title}: relative {args.metric.upper()} to seasonal naive by kind of series '
           f'(geometric mean; lower is better)</text>']
    for index, method in enumerate(methods):
        out.append(f'<rect x="{10 + index * 120}" y="24" width="10" height="8" fill="{COLOURS[index % 6]}"/>'
                   f'<text x="{24 + index * 120}" y="32">{method}</text>')
    y = top
    for kind, scores in rows:
        present = [m for m in methods if m in scores]
        best = min(present, key=lambda m: scores[m][key]) if present else None
        series = scores[present[0]]["series"] if present else 0
        out.append(f'<text x="{left - 8}" y="{y + row_height / 2:.1f}" text-anchor="end">{kind} '
                   f'({series:,})</text>')
        for index, method in enumerate(methods):
            if method not in scores:
                continue
            value = scores[method][key]
            opacity = "1" if method == best else "0.55"
            out.append(f'<rect x="{left}" y="{y + index * bar}" width="{x(value) - left:.1f}" height="{bar - 1}" '
                       f'fill="{COLOURS[index % 6]}" fill-opacity="{opacity}"/>'
                       f'<text x="{x(value) + 3:.1f}" y="{y + index * bar + bar - 1}" font-size="8">{value:.3f}</text>')
        y += row_height
    for tick in [t / 10 for t in range(0, int(top_value * 10) + 1, 2)]:
        out.append(f'<text x="{x(tick):.1f}" y="{y + 14}" text-anchor="middle">{tick:.1f}</text>')
    out.append(f'<line x1="{x(1.0):.1f}" x2="{x(1.0):.1f}" y1="{top - 4}" y2="{y + 2}" stroke="#000" '
               f'stroke-dasharray="4,3"/><text x="{x(1.0) + 4:.1f}" y="{y + 28}">seasonal naive = 1.0</text>')
    out.append("</svg>")
    with open(args.output, "w") as target:
        target.write("\n".join(out) + "\n")
    print(f"{args.output}: {len(rows)} rows x {len(methods)} methods, {args.metric}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Draws a training run's loss log (`train adapt` writes OUTPUT.losses.csv: step,loss,learning_rate,...) as an SVG:
the loss as a running mean of the last WINDOW batches (every batch mixes every kind of series, so single batches are
noise) and the learning rate on a second axis. Standard library only, so it runs wherever the repository does.

    scripts/loss-chart.py runs/main.losses.csv models/default/3/loss-curve.svg --title "default@3" [--window 200]
"""
import argparse
import csv
import math


def nice_ticks(low, high, count=7):
    span = high - low
    raw = span / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = min((m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw), default=raw)
    first = math.floor(low / step) * step
    ticks = []
    value = first
    while value <= high + step * 0.5:
        ticks.append(round(value, 10))
        value += step
    return ticks


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("losses")
    parser.add_argument("output")
    parser.add_argument("--title", default="training")
    parser.add_argument("--window", type=int, default=200)
    parser.add_argument("--first-step", type=int, default=0,
                        help="step number of the log's first line, for a run continuing another")
    args = parser.parse_args()

    steps, losses, rates = [], [], []
    with open(args.losses, newline="") as source:
        for row in csv.DictReader(source):
            steps.append(int(row["step"]) + args.first_step)
            losses.append(float(row["loss"]))
            rates.append(float(row["learning_rate"]))
    if not steps:
        raise SystemExit(f"{args.losses}: no rows")
    smoothed, total = [], 0.0
    for index, loss in enumerate(losses):
        total += loss
        if index >= args.window:
            total -= losses[index - args.window]
        smoothed.append(total / min(index + 1, args.window))

    width, height, left, right, top, bottom = 720, 300, 60, 660, 20, 260
    loss_ticks = nice_ticks(min(smoothed), max(smoothed))
    rate_ticks = nice_ticks(0, max(rates), 5)
    step_ticks = nice_ticks(steps[0], steps[-1], 7)

    def x(step):
        return left + (right - left) * (step - step_ticks[0]) / (step_ticks[-1] - step_ticks[0])

    def y_loss(value):
        return bottom - (bottom - top) * (value - loss_ticks[0]) / (loss_ticks[-1] - loss_ticks[0])

    def y_rate(value):
        return bottom - (bottom - top) * value / rate_ticks[-1]

    every = max(1, len(steps) // 600)  # at most ~600 points per line
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" '
           f'font-size="11">', f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{left}" y="14">{args.title}: training loss (pinball, standardised units; mean of the last '
           f'{args.window} batches) and learning rate by step</text>']
    for tick in loss_ticks:
        out.append(f'<line x1="{left}" x2="{right}" y1="{y_loss(tick):.1f}" y2="{y_loss(tick):.1f}" stroke="#ddd"/>'
                   f'<text x="{left - 6}" y="{y_loss(tick) + 4:.1f}" text-anchor="end">{tick:.2f}</text>')
    for tick in step_ticks:
        out.append(f'<text x="{x(tick):.1f}" y="{bottom + 16}" text-anchor="middle">{int(tick)}</text>')
    for tick in rate_ticks:
        out.append(f'<text x="{right + 6}" y="{y_rate(tick) + 4:.1f}" fill="#b55">{tick:.1e}</text>')
    rate_points = " ".join(f"{x(steps[i]):.1f},{y_rate(rates[i]):.1f}" for i in range(0, len(steps), every))
    loss_points = " ".join(f"{x(steps[i]):.1f},{y_loss(smoothed[i]):.1f}" for i in range(0, len(steps), every))
    out.append(f'<polyline points="{rate_points}" fill="none" stroke="#b55" stroke-width="1"/>')
    out.append(f'<polyline points="{loss_points}" fill="none" stroke="#236" stroke-width="1.5"/>')
    out.append(f'<text x="{(left + right) / 2:.1f}" y="{height - 6}" text-anchor="middle">step (batch of 64 '
               f'windows)</text>')
    out.append("</svg>")
    with open(args.output, "w") as target:
        target.write("\n".join(out) + "\n")
    print(f"{args.output}: {len(steps)} steps, loss (running mean) {smoothed[0]:.3f} -> {smoothed[-1]:.3f}")


if __name__ == "__main__":
    main()

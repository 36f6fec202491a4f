"""The bench's report: every figure it measured, printed as a table at the end, written as
JSON, and drawn as an SVG bar chart of the ratios (the README shows it). Used by
scripts/bench; no third-party modules."""

import html
import json
import os

ROWS = []


def record(what, value, unit, reference=None, reference_name=None, higher_is_better=True,
           note=""):
    """One figure. With a reference (nginx's figure, or a goal), its ratio is kept too,
    as 'how far to the reference' (1.0 or more meets it)."""
    ratio = None
    if reference:
        ratio = value / reference if higher_is_better else reference / value if value else None
    ROWS.append({"what": what, "value": round(value, 3), "unit": unit,
                 "reference": reference, "reference_name": reference_name,
                 "ratio": round(ratio, 3) if ratio is not None else None, "note": note})


def _fmt(value):
    if value is None:
        return ""
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.2f}"


def print_table():
    if not ROWS:
        return
    width = max(len(r["what"]) for r in ROWS)
    print()
    print(f"{'what':<{width}}  {'dateline':>12}  {'unit':<9} {'reference':>16}  {'ratio':>6}")
    for r in ROWS:
        ref = (f"{r['reference_name']} {_fmt(r['reference'])}" if r["reference"] is not None
               else "")
        ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else ""
        print(f"{r['what']:<{width}}  {_fmt(r['value']):>12}  {r['unit']:<9} {ref:>16}  "
              f"{ratio:>6}")


def write(out_dir, meta):
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "bench.json"), "w") as f:
        json.dump({"meta": meta, "rows": ROWS}, f, indent=2)
        f.write("\n")
    with open(os.path.join(out_dir, "ratios.svg"), "w") as f:
        f.write(svg(meta))
    print(f"bench: wrote {out_dir}/bench.json and {out_dir}/ratios.svg")


def svg(meta):
    """Horizontal bars, one per figure with a reference: the ratio to nginx (or to the
    goal) on a scale to 1.5, with the 1.0 line marked."""
    rows = [r for r in ROWS if r["ratio"] is not None]
    bar_h, gap, left, scale_w, top = 22, 8, 400, 420, 54
    height = top + len(rows) * (bar_h + gap) + 40
    width = left + scale_w + 70
    top_ratio = 1.5
    x = lambda ratio: left + min(ratio, top_ratio) / top_ratio * scale_w  # noqa: E731
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="Georgia, serif" font-size="13">',
           f'<rect width="{width}" height="{height}" fill="#fff"/>',
           f'<text x="16" y="24" font-size="16" font-weight="bold">Dateline against nginx '
           f'and the goals (1.0 = as fast / goal met)</text>',
           f'<text x="16" y="42" fill="#555">{html.escape(meta.get("summary", ""))}</text>']
    for i, r in enumerate(rows):
        y = top + i * (bar_h + gap)
        colour = "#1a6b3c" if r["ratio"] >= 1.0 else "#b8860b" if r["ratio"] >= 0.5 else "#a33"
        label = f"{r['what']} (vs {r['reference_name']})"
        out.append(f'<text x="{left - 8}" y="{y + 15}" text-anchor="end">'
                   f'{html.escape(label)}</text>')
        out.append(f'<rect x="{left}" y="{y}" width="{x(r["ratio"]) - left:.1f}" '
                   f'height="{bar_h}" fill="{colour}"/>')
        out.append(f'<text x="{x(r["ratio"]) + 6:.1f}" y="{y + 15}">{r["ratio"]:.2f}</text>')
    one = x(1.0)
    bottom = top + len(rows) * (bar_h + gap)
    out.append(f'<line x1="{one:.1f}" y1="{top - 6}" x2="{one:.1f}" y2="{bottom}" '
               f'stroke="#000" stroke-dasharray="4 3"/>')
    out.append(f'<text x="{one:.1f}" y="{bottom + 16}" text-anchor="middle">1.0</text>')
    out.append("</svg>\n")
    return "\n".join(out)

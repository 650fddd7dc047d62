"""Draws bench/results/latest.png from latest.json: our throughput ratio to each peer per
workload and gateway, and the repository's ratio to the raw client.

Usage: bench/.venv/bin/python bench/python/chart.py bench/results/latest.json
"""

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402

PEERS = [('happybase', '#4c72b0'), ('aiohappybase', '#dd8452'), ('java-thrift2', '#55a868')]


def main(path):
    data = json.loads(Path(path).read_text())
    summary = data['summary']
    peer_rows = [r for r in summary if not r['workload'].startswith('mapper-')
                 and any(p in r['ratios'] for p, _ in PEERS)]
    mapper_rows = [r for r in summary if 'repositoryVsRaw' in r['ratios']]

    panels = [p for p in (peer_rows, mapper_rows) if p]
    if not panels:
        print('no ratios to draw (run more than one library, or the mapper workloads)')
        return
    heights = [max(2.0, 0.5 * len(p) + 1.2) for p in panels]
    fig, axes = plt.subplots(len(panels), 1, figsize=(9, sum(heights)),
                             gridspec_kw={'height_ratios': heights}, squeeze=False)
    axes = [a[0] for a in axes]
    index = 0

    if peer_rows:
        ax = axes[index]
        index += 1
        labels = [f"{r['workload']} ({r['gateway']})" for r in peer_rows]
        shown = [(p, c) for p, c in PEERS if any(p in r['ratios'] for r in peer_rows)]
        bar = 0.76 / len(shown)
        for k, (peer, color) in enumerate(shown):
            ys = [i + (k - (len(shown) - 1) / 2) * bar for i in range(len(peer_rows))]
            values = [r['ratios'].get(peer, 0) for r in peer_rows]
            bars = ax.barh(ys, values, height=bar, color=color, label=f'vs {peer}')
            for b, v in zip(bars, values):
                if v:
                    ax.text(b.get_width(), b.get_y() + b.get_height() / 2, f' {v:.2f}',
                            va='center', fontsize=8)
        ax.set_yticks(range(len(peer_rows)))
        ax.set_yticklabels(labels, fontsize=9)
        ax.invert_yaxis()
        ax.axvline(1.0, color='black', linewidth=1)
        ax.set_xlabel('hbase-mapper throughput ÷ peer throughput (> 1: hbase-mapper faster)')
        ax.set_title('hbase-mapper vs HappyBase / AIOHappyBase (median of rounds)')
        ax.legend(loc='lower right', fontsize=8)

    if mapper_rows:
        ax = axes[index]
        labels = [r['workload'] for r in mapper_rows]
        values = [r['ratios']['repositoryVsRaw'] for r in mapper_rows]
        bars = ax.barh(range(len(values)), values, color='#55a868')
        for b, v in zip(bars, values):
            ax.text(b.get_width(), b.get_y() + b.get_height() / 2, f' {v:.2f}', va='center', fontsize=8)
        ax.set_yticks(range(len(values)))
        ax.set_yticklabels(labels, fontsize=9)
        ax.invert_yaxis()
        ax.axvline(1.0, color='black', linewidth=1)
        ax.set_xlabel('repository throughput ÷ raw client throughput (1 = no overhead)')
        ax.set_title('Mapper overhead')

    options = data['options']
    fig.suptitle(f"scale {options['scale']}, {options['rounds']} rounds, {data['startedAt'][:16]}Z, "
                 f"{data['machine']['cores']} cores", fontsize=9, y=0.995)
    fig.tight_layout()
    out = Path(path).with_suffix('.png')
    fig.savefig(out, dpi=110)
    print(f'wrote {out}')


if __name__ == '__main__':
    main(sys.argv[1])

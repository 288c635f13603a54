#!/usr/bin/env python3
"""Writes one very large page for bench/check.sh.

Usage: gen_big_page.py MEGABYTES|nested OUT_FILE

MEGABYTES: a page of about that many MB of ordinary Markdown (headings, steps,
tables, code, links to its own headings). `nested`: a list nested 10,000
levels deep. Deterministic.
"""

import sys

FRONT = """---
title: 大きなページ
area: general
owner: contractor
reviewed: 2026-11-01
review_every: 6
---
"""


def block(i):
    return (
        f"## 手順 {i} {{#step-{i}}}\n\n"
        f"夜間日次バッチの**パラメータ**を確認し、[前の手順](#step-{max(i - 1, 0)})の結果と"
        "突き合わせます。`yakan-param` の値は作業依頼票のとおりです。\n\n"
        "1. ファイルサーバのフォルダを開く\n2. 設定シートと照合する\n   - 差があれば報告する\n\n"
        "| 項目 | 値 |\n|---|---|\n| 処理日 | 2027-01-05 |\n| 区分 | 通常 |\n\n"
        "```bash\nls -l /data/params\n```\n\n> 注意: 窓口業務終了後に実施します。\n\n---\n\n"
    )


def main():
    spec, out = sys.argv[1], sys.argv[2]
    parts = [FRONT, "\n"]
    if spec == "nested":
        parts += ["  " * depth + "- 項目\n" for depth in range(10_000)]
    else:
        target = float(spec) * 1_000_000
        size, i = 0, 0
        while size < target:
            text = block(i)
            parts.append(text)
            size += len(text.encode())
            i += 1
    with open(out, "w", encoding="utf-8") as f:
        f.write("".join(parts))


main()

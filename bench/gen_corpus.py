#!/usr/bin/env python3
"""Generates a synthetic Japanese operations handbook for benchmarks.

Usage: gen_corpus.py PAGES OUT_DIR [--history COMMITS]

Writes OUT_DIR/tebiki (a tebiki project: tebiki.yaml, data/, content/, templates/
copied from the repository) and OUT_DIR/hugo (a Hugo site with the same
content/ and a minimal layout). Pages are ~3 KB: front matter, headings,
numbered steps, a bash block, a table, a blockquote, and links to 3 other pages.
80 section folders up to 3 deep. Deterministic for a given PAGES.
With --history, OUT_DIR/tebiki is a git repository of COMMITS commits
(gen_history.py).
"""

import os
import random
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

WORDS = [
    "夜間日次バッチ", "オンライン稼働", "パラメータ", "ファイルサーバ", "作業依頼票", "チャットボット",
    "コンタクトセンター", "マスタメンテナンス", "アカウント", "年度切替", "バックアップ", "窓口業務終了後",
    "国保標準システム", "富士通Japan", "こくほ電算調整係", "業務所管部門", "運用保守定例会", "障害通報",
    "問合せ", "エスカレーション", "ログ検索", "外字", "帳票出力", "住所マスタ", "端末", "プリンタ",
]
AREAS = ["general"] + [f"4.{i}" for i in range(1, 12)]


def sentence(rng):
    n = rng.randint(3, 6)
    parts = [rng.choice(WORDS) for _ in range(n)]
    return "、".join(parts[:-1]) + "について" + parts[-1] + "を確認します。"


def paragraph(rng, sentences=4):
    return "".join(sentence(rng) for _ in range(sentences))


def sections():
    """80 folders: 8 top-level, each with 4 children, 5 of which... up to 3 deep."""
    dirs = []
    for a in range(8):
        top = f"s{a:02d}"
        dirs.append(top)
        for b in range(4):
            mid = f"{top}/m{b}"
            dirs.append(mid)
            if len(dirs) < 80 and b < 2:
                for c in range(1):
                    dirs.append(f"{mid}/d{c}")
    while len(dirs) < 80:
        dirs.append(f"extra{len(dirs)}")
    return dirs[:80]


def front(title, area, order):
    return (
        "---\n"
        f"title: \"{title}\"\n"
        f"area: \"{area}\"\n"
        "owner: contractor\n"
        "reviewed: 2026-11-01\n"
        "review_every: 6\n"
        "tags: [ベンチマーク, 運用]\n"
        f"order: {order}\n"
        f"summary: \"{title}の手順と注意点\"\n"
        "---\n"
    )


def page_body(rng, links):
    out = []
    out.append("## 概要\n\n" + paragraph(rng) + "\n")
    out.append("## 手順\n")
    for i in range(1, 6):
        out.append(f"{i}. {sentence(rng)}")
    out.append("")
    out.append("```bash\n# バックアップを確認する\nls -l /fileserver/backup/$(date +%Y%m%d)\n```\n")
    out.append("| 項目 | 時間 | 担当 |\n|---|---|---|")
    for _ in range(4):
        out.append(f"| {rng.choice(WORDS)} | {rng.randint(8, 20)}:00 | 受託者 |")
    out.append("")
    out.append("> " + sentence(rng) + "\n")
    out.append("## 関連\n")
    for title, rel in links:
        out.append(f"- [{title}]({rel}#概要)")
    out.append("")
    out.append("## 注意\n\n" + paragraph(rng, 3) + "\n")
    out.append("### 補足\n\n" + paragraph(rng, 5) + "\n")
    return "\n".join(out)


def relpath(target, source_dir):
    return os.path.relpath(target, source_dir).replace(os.sep, "/")


# The same site with the furniture every tebiki page has (issue 15): the header
# with a search box, the section's pages around the page, breadcrumbs, the page's
# summary, meta and tags, the source file, previous/next, a footer, a stylesheet
# and a script. Only to compare output sizes: it says what the minimal layout's
# ratio leaves out.
FURNISHED_BASE = (
    "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<title>{{ .Title }} | {{ site.Title }}</title>\n"
    "<link rel=\"stylesheet\" href=\"{{ \"assets/style.css\" | relURL }}\">\n</head>\n<body>\n"
    "<a class=\"skip-link\" href=\"#main\">本文へ移動</a>\n<header class=\"site-header\">\n"
    "<a class=\"site-title\" href=\"{{ \"/\" | relURL }}\">{{ site.Title }}</a>\n"
    "<span class=\"site-org\">ベンチ区 国保年金課</span>\n"
    "<form class=\"site-search\" role=\"search\" action=\"{{ \"search.html\" | relURL }}\" method=\"get\">\n"
    "<input id=\"site-search-input\" name=\"q\" type=\"search\" aria-label=\"手引きを検索\" "
    "placeholder=\"検索（/ キー）\" autocomplete=\"off\" spellcheck=\"false\">\n"
    "<button type=\"submit\">検索</button>\n</form>\n</header>\n<div class=\"layout\">\n"
    "<nav class=\"site-nav\" aria-label=\"目次\">\n<details class=\"nav-toggle\" open>\n"
    "<summary>メニュー</summary>\n<ul class=\"nav-tree\">\n"
    "<li><a href=\"{{ \"/\" | relURL }}\">ホーム</a></li>\n"
    "{{ $me := .Page }}{{ with .CurrentSection }}<li class=\"nav-section open\">"
    "<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a><ul>"
    "{{ $pages := .RegularPages }}{{ $i := 0 }}"
    "{{ range $k, $p := $pages }}{{ if eq $p.RelPermalink $me.RelPermalink }}{{ $i = $k }}{{ end }}{{ end }}"
    "{{ $start := sub $i 2 }}{{ if lt $start 0 }}{{ $start = 0 }}{{ end }}"
    "{{ range first 5 (after $start $pages) }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}"
    "{{ if gt (len $pages) 5 }}<li class=\"nav-more\"><a href=\"{{ .RelPermalink }}\">…ほかのページ</a></li>{{ end }}"
    "</ul></li>{{ end }}\n</ul>\n</details>\n</nav>\n"
    "<main id=\"main\" tabindex=\"-1\">\n"
    "<nav class=\"breadcrumbs\" aria-label=\"現在位置\"><ol>{{ range .Ancestors.Reverse }}"
    "<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}"
    "<li aria-current=\"page\">{{ .Title }}</li></ol></nav>\n"
    "{{ block \"main\" . }}{{ end }}\n"
    "<nav class=\"prev-next\" aria-label=\"前後のページ\">"
    "{{ with .PrevInSection }}<a class=\"prev\" href=\"{{ .RelPermalink }}\" rel=\"prev\"><span>前へ</span>{{ .Title }}</a>{{ end }}"
    "{{ with .NextInSection }}<a class=\"next\" href=\"{{ .RelPermalink }}\" rel=\"next\"><span>次へ</span>{{ .Title }}</a>{{ end }}"
    "</nav>\n</main>\n</div>\n<footer class=\"site-footer\">\n<p>ベンチ ／ {{ site.Title }}</p>\n"
    "<p>Hugo で作成 ／ <a href=\"{{ \"changes.html\" | relURL }}\">更新履歴</a></p>\n</footer>\n"
    "<script src=\"{{ \"assets/site.js\" | relURL }}\" defer></script>\n</body>\n</html>"
)
FURNISHED_SINGLE = (
    "{{ define \"main\" }}<article class=\"page\">\n<header class=\"page-header\">\n<h1>{{ .Title }}</h1>\n"
    "{{ with .Params.summary }}<p class=\"summary\">{{ . }}</p>\n{{ end }}"
    "<dl class=\"page-meta\"><div><dt>業務領域</dt><dd>§{{ .Params.area }} 領域 {{ .Params.area }}</dd></div>"
    "<div><dt>最終確認日</dt><dd><time datetime=\"{{ .Params.reviewed }}\">{{ .Params.reviewed }}</time></dd></div>"
    "<div><dt>担当</dt><dd>受託者</dd></div>"
    "<div><dt>次回確認期限</dt><dd><time datetime=\"{{ .Params.reviewed }}\">{{ .Params.reviewed }}</time></dd></div></dl>\n"
    "<ul class=\"tags\" aria-label=\"タグ\">{{ range .Params.tags }}<li>{{ . }}</li>{{ end }}</ul>\n</header>\n"
    "{{ .TableOfContents }}\n<div class=\"content\">\n{{ .Content }}</div>\n"
    "<p class=\"source-file\">原稿: <code>content/{{ .File.Path }}</code></p>\n</article>{{ end }}"
)


def furnished_site(minimal, out):
    """A copy of the Hugo site `minimal` with FURNISHED_BASE and FURNISHED_SINGLE."""
    shutil.copytree(minimal, out)
    layouts = os.path.join(out, "layouts", "_default")
    with open(os.path.join(layouts, "baseof.html"), "w") as f:
        f.write(FURNISHED_BASE)
    with open(os.path.join(layouts, "single.html"), "w") as f:
        f.write(FURNISHED_SINGLE)


def main():
    pages = int(sys.argv[1])
    out = os.path.abspath(sys.argv[2])
    rng = random.Random(pages)
    shutil.rmtree(out, ignore_errors=True)
    tebiki = os.path.join(out, "tebiki")
    hugo = os.path.join(out, "hugo")
    dirs = sections()
    # Page i lives in folder i % 80.
    files = []
    for i in range(pages):
        d = dirs[i % len(dirs)]
        files.append((f"{d}/p{i:05d}.md", f"手順書 {i:05d} {rng.choice(WORDS)}"))
    for root in (tebiki, hugo):
        content = os.path.join(root, "content")
        os.makedirs(content)
        with open(os.path.join(content, "_index.md"), "w") as f:
            f.write(front("ベンチマーク手引き", "general", 0) + "\n" + paragraph(rng) + "\n")
        for n, d in enumerate(dirs):
            os.makedirs(os.path.join(content, d), exist_ok=True)
            with open(os.path.join(content, d, "_index.md"), "w") as f:
                f.write(front(f"セクション {d}", "general", n) + "\n" + paragraph(rng) + "\n")
    link_rng = random.Random(pages + 1)
    for i, (rel, title) in enumerate(files):
        src_dir = os.path.dirname(rel)
        links = []
        for _ in range(3):
            t_rel, t_title = files[link_rng.randrange(len(files))]
            links.append((t_title, relpath(t_rel, src_dir)))
        text = front(title, AREAS[i % len(AREAS)], i) + "\n" + page_body(rng, links)
        for root in (tebiki, hugo):
            with open(os.path.join(root, "content", rel), "w") as f:
                f.write(text)

    # tebiki project around the content.
    with open(os.path.join(tebiki, "tebiki.yaml"), "w") as f:
        f.write(
            "site:\n  title: ベンチマーク手引き\n"
            "organisation:\n  name: ベンチ区\n  client: ベンチ区 国保年金課\n"
            "  client_actor: contractor\n  contractor_actor: contractor\n  contract_title: ベンチ\n"
            "service_in: 2027-01-04\ncontract:\n  max_fiscal_years: 5\n"
        )
    os.makedirs(os.path.join(tebiki, "data"))
    with open(os.path.join(tebiki, "data", "areas.yaml"), "w") as f:
        for a in AREAS:
            f.write(f"- id: \"{a}\"\n  title: 領域 {a}\n")
    with open(os.path.join(tebiki, "data", "actors.yaml"), "w") as f:
        f.write("- id: contractor\n  name: 受託者\n  short: 受託者\n  role: 運用支援\n"
                "  in_scope: true\n  description: ベンチマーク用\n")
    shutil.copytree(os.path.join(REPO, "templates"), os.path.join(tebiki, "templates"))

    # Hugo site: the same Markdown, a minimal layout (title, content, section list).
    with open(os.path.join(hugo, "config.yaml"), "w") as f:
        f.write("baseURL: /\ntitle: ベンチマーク手引き\nlanguageCode: ja\ndisableKinds: [taxonomy, term, RSS, sitemap]\n"
                "relativeURLs: true\nuglyURLs: true\nmarkup:\n  goldmark:\n    renderer:\n      unsafe: false\n")
    layouts = os.path.join(hugo, "layouts", "_default")
    os.makedirs(layouts)
    base = ("<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>"
            "<body><header><a href=\"{{ \"/\" | relURL }}\">{{ site.Title }}</a></header>"
            "<main>{{ block \"main\" . }}{{ end }}</main></body></html>")
    with open(os.path.join(layouts, "baseof.html"), "w") as f:
        f.write(base)
    with open(os.path.join(layouts, "single.html"), "w") as f:
        f.write("{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .TableOfContents }}{{ .Content }}{{ end }}")
    with open(os.path.join(layouts, "list.html"), "w") as f:
        f.write("{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}"
                "<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}")
    furnished_site(hugo, os.path.join(out, "hugo-furnished"))
    history = int(sys.argv[sys.argv.index("--history") + 1]) if "--history" in sys.argv else 0
    if history:
        sys.path.insert(0, HERE)
        import gen_history
        gen_history.make_history(tebiki, history)
    total = sum(os.path.getsize(os.path.join(tebiki, "content", r)) for r, _ in files)
    print(f"{pages} pages, {total / pages / 1024:.1f} KB per page on average, in {out}"
          + (f", {history} commits of history" if history else ""))


if __name__ == "__main__":
    main()

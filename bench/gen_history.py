"""A git history for the synthetic handbook (gen_corpus.py --history N).

Writes N commits into PROJECT/.git with `git fast-import`, in one process: the
first adds every file of the project, each later one appends a revision note to
1-5 pages (the working tree gets the final text), every 50th moves a page to a
new name and the next moves it back (renames for `git log -M` to follow), every
75th deletes a page and the next restores it, and every 200th is tagged
handbook-v1.<k>. Commits are a few hours apart from 2026-04-01, by four authors.
Deterministic for a given N.
"""

import os
import random
import subprocess

AUTHORS = ["手引 花子", "運用 次郎", "保守 三郎", "引継 四子"]
START = 1775000000  # 2026-04-01 (UTC), roughly
SUBJECTS = ["手順を見直す", "画面名を直す", "連絡先の表記を揃える", "夜間バッチの注意を追記",
            "年度切替の手順を補う", "誤記を直す", "参照先を更新", "確認項目を追加"]


def project_files(project):
    """Every file tebiki reads, relative to the project, sorted."""
    out = []
    for top in ("content", "data", "templates"):
        for dirpath, _, names in os.walk(os.path.join(project, top)):
            for name in names:
                out.append(os.path.relpath(os.path.join(dirpath, name), project))
    out.append("tebiki.yaml")
    return sorted(out)


def data_block(payload):
    raw = payload.encode("utf-8") if isinstance(payload, str) else payload
    return b"data %d\n" % len(raw) + raw + b"\n"


def commit(stream, mark, when, author, subject, changes, parent):
    stream.append(b"commit refs/heads/main\nmark :%d\n" % mark)
    who = f"{author} <bench@example.invalid> {when} +0900\n".encode("utf-8")
    stream.append(b"author " + who + b"committer " + who)
    stream.append(data_block(subject))
    if parent:
        stream.append(b"from :%d\n" % parent)
    stream.extend(changes)


def modify(path, text):
    return b"M 100644 inline " + path.encode("utf-8") + b"\n" + data_block(text)


def make_history(project, commits):
    rng = random.Random(commits)
    files = project_files(project)
    text = {}
    for rel in files:
        with open(os.path.join(project, rel), "rb") as f:
            text[rel] = f.read()
    pages = [f for f in files if f.startswith("content/") and f.endswith(".md")
             and not f.endswith("_index.md")]
    stream = []
    when = START
    commit(stream, 1, when, AUTHORS[0], "初版を作成",
           [modify(rel, text[rel]) for rel in files], None)
    moved = deleted = None
    for i in range(2, commits + 1):
        when += rng.randint(2, 10) * 3600
        author = AUTHORS[i % len(AUTHORS)]
        if moved:
            old, new = moved
            changes, subject, moved = [f"R {new} {old}\n".encode("utf-8")], f"{old} を元の名前に戻す", None
        elif deleted:
            changes, subject = [modify(deleted, text[deleted])], f"{deleted} を戻す"
            deleted = None
        elif i % 50 == 0 and i < commits:
            old = rng.choice(pages)
            new = old[:-3] + "-moved.md"
            moved = (old, new)
            changes, subject = [f"R {old} {new}\n".encode("utf-8")], f"{old} を移動"
        elif i % 75 == 0 and i < commits:
            deleted = rng.choice(pages)
            changes, subject = [f"D {deleted}\n".encode("utf-8")], f"{deleted} を削除"
        else:
            changes = []
            for rel in rng.sample(pages, rng.randint(1, 5)):
                text[rel] += f"\n改訂 {i}: {rng.choice(SUBJECTS)}。\n".encode("utf-8")
                changes.append(modify(rel, text[rel]))
            subject = f"{rng.choice(SUBJECTS)}（{i}）"
        commit(stream, i, when, author, subject, changes, i - 1)
        if i % 200 == 0:
            stream.append(b"reset refs/tags/handbook-v1.%d\nfrom :%d\n\n" % (i // 200, i))
    subprocess.run(["git", "init", "-q", "-b", "main", project], check=True)
    subprocess.run(["git", "-C", project, "fast-import", "--quiet"], input=b"".join(stream),
                   check=True)
    subprocess.run(["git", "-C", project, "reset", "-q"], check=True)
    # The working tree as of the last commit: the edited pages' final text.
    for rel in pages:
        with open(os.path.join(project, rel), "wb") as f:
            f.write(text[rel])

#!/usr/bin/env python3
"""Converts public curricula into TutorialSite's content layout, for tests and benchmarks on Markdown we did not write.

    python3 bench/corpora/convert.py NAME GIT_DIR OUT_DIR

NAME is one of: odin, jsinfo, rbe, react. GIT_DIR is a git snapshot of the source repository (read with
`git cat-file`; no work tree needed), OUT_DIR the content folder to write (replaced). Nothing but the layout is
changed: a folder per course with an `_index.md`, `NN-slug.md` tutorials with a front-matter title (taken from the
source's title, heading or file name), the lesson text as written, and the images beside it. The output is never
committed (bench/corpora/.gitignore); bench/README.md says where each source comes from.

| NAME   | source repository                          | courses from                      |
|--------|--------------------------------------------|-----------------------------------|
| odin   | TheOdinProject/curriculum                  | each folder holding lessons       |
| jsinfo | javascript-tutorial/en.javascript.info     | each chapter (article.md files)   |
| rbe    | rust-lang/rust-by-example                  | each top entry of src/SUMMARY.md  |
| react  | reactjs/react.dev                          | each folder of src/content        |
"""
import os, re, shutil, subprocess, sys

IMAGE = re.compile(r"\.(png|jpe?g|gif|svg|webp)$", re.I)


def tree(git):
    out = subprocess.run(["git", "--git-dir", git, "ls-tree", "-r", "HEAD"], capture_output=True, text=True, check=True).stdout
    files = {}
    for line in out.splitlines():
        meta, path = line.split("\t", 1)
        _, kind, sha = meta.split()
        if kind == "blob":
            files[path] = sha
    return files


class Blobs:
    def __init__(self, git):
        self.p = subprocess.Popen(["git", "--git-dir", git, "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def read(self, sha):
        self.p.stdin.write(sha.encode() + b"\n"); self.p.stdin.flush()
        header = self.p.stdout.readline().split()
        if len(header) < 3:  # missing object (large files are left out of snapshots)
            return None
        data = self.p.stdout.read(int(header[2])); self.p.stdout.read(1)
        return data


def slug(text):
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s or "x"


def yaml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def title_from_file(name):
    t = os.path.splitext(os.path.basename(name))[0].replace("_", " ").replace("-", " ").strip()
    return t[:1].upper() + t[1:]


def split_h1(text):
    """A leading `# Title` line becomes the front-matter title (the site shows the title itself)."""
    m = re.match(r"\A\s*# +(.+?)\s*#*\s*\n", text)
    if m:
        return m.group(1), text[m.end():]
    return None, text


def split_front_matter(text):
    m = re.match(r"\A---\n(.*?)\n---\n", text, re.S)
    if not m:
        return {}, text
    fm = {}
    for line in m.group(1).splitlines():
        k = re.match(r"^(\w+):\s*(.*)$", line)
        if k:
            fm[k.group(1)] = k.group(2).strip().strip("'\"")
    return fm, text[m.end():]


class Out:
    def __init__(self, root):
        self.root = root
        shutil.rmtree(root, ignore_errors=True)
        os.makedirs(root)
        self.courses = {}

    def course(self, cslug, title, order, body=""):
        d = os.path.join(self.root, cslug)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "_index.md"), "w", encoding="utf-8") as f:
            f.write(f"---\ntitle: {yaml_str(title)}\norder: {order}\n---\n\n{body.strip()}\n")
        self.courses.setdefault(cslug, set())

    def tutorial(self, cslug, n, tslug, title, body, description=None):
        used = self.courses[cslug]
        base, i = tslug, 2
        while tslug in used:
            tslug = f"{base}-{i}"; i += 1
        used.add(tslug)
        fm = f"---\ntitle: {yaml_str(title)}\n"
        if description:
            fm += f"description: {yaml_str(description)}\n"
        with open(os.path.join(self.root, cslug, f"{n:02d}-{tslug}.md"), "w", encoding="utf-8") as f:
            f.write(fm + "---\n\n" + body.lstrip("\n"))

    def asset(self, cslug, rel, data):
        p = os.path.join(self.root, cslug, rel)
        if data is None or os.path.exists(p):
            return
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(data)


def text(blobs, sha):
    data = blobs.read(sha)
    return None if data is None else data.decode("utf-8", errors="replace").replace("\r\n", "\n")


def odin(files, blobs, out):
    skip = ("archive/", "templates/", ".github/", "markdownlint/")
    lessons = sorted(p for p in files if p.endswith(".md") and p.count("/") >= 2 and not p.startswith(skip)
                     and os.path.basename(p).lower() != "readme.md")
    dirs = sorted({os.path.dirname(p) for p in lessons})
    for order, d in enumerate(dirs, 1):
        cslug = slug(d)
        out.course(cslug, " / ".join(title_from_file(x) for x in d.split("/")), order,
                   f"Lessons from The Odin Project's `{d}` folder.")
        for n, p in enumerate([x for x in lessons if os.path.dirname(x) == d], 1):
            body = text(blobs, files[p])
            if body is not None:
                out.tutorial(cslug, n, slug(os.path.splitext(os.path.basename(p))[0]), title_from_file(p), body)
    for p in files:
        if IMAGE.search(p):
            owner = max((d for d in dirs if p.startswith(d + "/")), key=len, default=None)
            if owner:
                out.asset(slug(owner), os.path.relpath(p, owner), blobs.read(files[p]))


def jsinfo(files, blobs, out):
    articles = sorted(p for p in files if p.endswith("/article.md"))
    chapters = sorted({os.path.dirname(os.path.dirname(p)) for p in articles})
    for order, ch in enumerate(chapters, 1):
        cslug = slug(re.sub(r"(^|/)\d+-", r"\1", ch))
        idx = files.get(ch + "/index.md")
        title, body = split_h1(text(blobs, idx) or "") if idx else (None, "")
        out.course(cslug, title or title_from_file(ch), order, body)
        for n, p in enumerate([a for a in articles if os.path.dirname(os.path.dirname(a)) == ch], 1):
            folder = os.path.dirname(p)
            t, body = split_h1(text(blobs, files[p]) or "")
            out.tutorial(cslug, n, slug(re.sub(r"^\d+-", "", os.path.basename(folder))), t or title_from_file(folder), body)
            for q in files:
                if os.path.dirname(q) == folder and IMAGE.search(q):
                    out.asset(cslug, os.path.basename(q), blobs.read(files[q]))


def rbe(files, blobs, out):
    summary = text(blobs, files["src/SUMMARY.md"])
    entries = [(len(m.group(1)) // 4, m.group(2), m.group(3))
               for m in re.finditer(r"^( *)- \[(.+?)\]\((.+?\.md)\)", summary, re.M)]
    order, cslug, n = 0, None, 0
    for depth, title, path in entries:
        if depth == 0:
            order += 1; n = 0
            cslug = slug(os.path.splitext(path)[0])
            out.course(cslug, title, order)
        n += 1
        body = text(blobs, files.get("src/" + path, "")) if "src/" + path in files else None
        if body is not None:
            _, body = split_h1(body)
            out.tutorial(cslug, n, slug(os.path.splitext(os.path.basename(path))[0]), title, body)


def react(files, blobs, out):
    pages = sorted(p for p in files if p.startswith("src/content/") and p.endswith(".md"))
    dirs = sorted({os.path.dirname(p) for p in pages})
    for order, d in enumerate(dirs, 1):
        rel = d[len("src/content/"):] or "home"
        cslug = slug(rel)
        out.course(cslug, title_from_file(rel.replace("/", " ")), order, f"Pages of react.dev's `{rel}` section.")
        for n, p in enumerate([x for x in pages if os.path.dirname(x) == d], 1):
            fm, body = split_front_matter(text(blobs, files[p]) or "")
            out.tutorial(cslug, n, slug(os.path.splitext(os.path.basename(p))[0]), fm.get("title") or title_from_file(p), body)


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("odin", "jsinfo", "rbe", "react"):
        sys.exit(__doc__)
    name, git, root = sys.argv[1:]
    files, blobs, out = tree(git), Blobs(git), Out(root)
    globals()[name](files, blobs, out)
    tutorials = sum(len(v) for v in out.courses.values())
    print(f"{name}: {len(out.courses)} courses, {tutorials} tutorials in {root}")


if __name__ == "__main__":
    main()

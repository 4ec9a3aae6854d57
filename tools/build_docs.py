#!/usr/bin/env python
"""Build README.md and the documentation site from the notebooks, without quarto.

    python tools/build_docs.py --readme            # README.md from nbs/index.ipynb
    python tools/build_docs.py --readme --check    # fail if the committed README.md is out of date
    python tools/build_docs.py --site              # docs_md/ (one page per notebook) + `mkdocs build --strict` → site/

nbdev's own `nbdev_readme`/`nbdev_docs` need quarto. Here nbdev's notebook processors (hide `#| hide` cells,
drop exported source, add a `show_doc` after every exported function, link backticked names) prepare the
notebooks in `_proc/`; the `show_doc` cells are rendered in this process from the exported modules (signature
and parameter table from the docments), and nbconvert's Markdown exporter turns each notebook into a page with
the outputs it was saved with. Math is rendered offline by KaTeX, taken from the npm registry at build time.
"""
import argparse, importlib, os, re, shutil, subprocess, sys
from configparser import ConfigParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NBS, PROC, MD, NPM = ROOT / 'nbs', ROOT / '_proc', ROOT / 'docs_md', ROOT / '_npm'
KATEX = 'katex@0.16.22'
CFG = ConfigParser(delimiters=['=']); CFG.read(ROOT / 'settings.ini'); CFG = CFG['DEFAULT']
DOC_URL = f"{CFG['doc_host'].rstrip('/')}/{CFG['doc_baseurl'].strip('/')}/"
BLOB = f"{CFG['git_url'].rstrip('/')}/blob/{CFG.get('branch', 'main')}/"


def notebooks() -> list:
    "The notebooks under nbs/ that make pages (nothing under a folder starting with `.` or `_`)."
    return sorted(p for p in NBS.rglob('*.ipynb') if not any(s.startswith(('.', '_')) for s in p.relative_to(NBS).parts))


def param_table(obj) -> str:
    "A Markdown table of `obj`'s parameters (type, default, the docment beside each), '' if it has no docments."
    import inspect
    from fastcore.docments import docments
    try: dm = docments(obj, full=True)
    except (TypeError, ValueError): return ''
    dm.pop('self', None); ret = dm.pop('return', {})
    if not any(v.get('docment') for v in dm.values()): return ''
    def code(t): return t.replace('|', '\\|') if '|' in t else f'`{t}`'   # a pipe cannot be escaped inside a code span
    def anno(a): return '' if a is inspect.Parameter.empty else code(a if isinstance(a, str) else inspect.formatannotation(a))
    def default(d): return '' if d is inspect.Parameter.empty else code(repr(d))
    def doc(t): return (t or '').replace('|', '\\|')
    rows = ['| parameter | type | default | details |', '|---|---|---|---|']
    rows += [f"| `{k}` | {anno(v.get('anno'))} | {default(v.get('default'))} | {doc(v.get('docment'))} |" for k, v in dm.items()]
    if ret.get('docment') or ret.get('anno', inspect.Parameter.empty) not in (inspect.Parameter.empty, None, 'None'):
        rows.append(f"| **returns** | {anno(ret.get('anno', inspect.Parameter.empty))} | | {doc(ret.get('docment'))} |")
    return '\n'.join(rows)


def _procs():
    "nbdev's docs processors, with `show_doc` rendered from the exported modules and tests folded."
    from nbdev.process import Processor
    from nbdev.processors import FilterDefaults, exec_show_docs, _default_exp, _is_showdoc

    class render_show_docs(Processor):
        "Replace each `show_doc(name)` cell by the Markdown nbdev renders for it (signature, docments table)."
        def begin(self):
            exp = _default_exp(self.nb)
            self.ns = dict(vars(importlib.import_module(f"{CFG['lib_name']}.{exp}"))) if exp else {}

        def __call__(self, cell):
            if not _is_showdoc(cell): return
            from nbdev.showdoc import show_doc
            nm = re.search(r'^show_doc\((.+)\)\s*$', cell.source, re.M).group(1)
            obj = eval(nm, self.ns)
            md = show_doc(obj)._repr_markdown_().replace('#LNone)', ')')
            if table := param_table(obj): md += '\n\n' + table
            cell.cell_type, cell.source = 'markdown', md
            for k in ('outputs', 'execution_count'): cell.pop(k, None)

    def fold_tests(cell):
        "A code cell with no output that only checks things becomes a collapsed 'Tests' box."
        if cell.cell_type != 'code' or cell.get('outputs') or not cell.get('source'): return
        if not re.search(r'^\s*(test_\w+\(|assert )', cell.source, re.M): return
        body = '\n'.join('    ' + l if l.strip() else '' for l in ['```python', *cell.source.splitlines(), '```'])
        cell.cell_type, cell.source = 'markdown', '??? example "Tests"\n\n' + body
        for k in ('outputs', 'execution_count'): cell.pop(k, None)

    class Procs(FilterDefaults):
        def base_procs(self):
            procs = [render_show_docs if p is exec_show_docs else p for p in super().base_procs()]
            return procs + [fold_tests]
    return Procs()


def process() -> Path:
    "Run the docs processors over nbs/ into _proc/ (no quarto, no re-execution: pages show the saved outputs)."
    from execnb.nbio import read_nb, write_nb
    shutil.rmtree(PROC, ignore_errors=True)
    procs = _procs()
    os.environ['IN_TEST'] = '1'
    for src in notebooks():
        nb = read_nb(src)
        procs(nb)
        nb.metadata['language_info'] = {'name': 'python'}
        dst = PROC / src.relative_to(NBS); dst.parent.mkdir(parents=True, exist_ok=True)
        write_nb(nb, dst)
    return PROC


def _front_matter_to_heading(body: str) -> str:
    "Turn the YAML front matter nbdev writes (title, description) back into `# title` + `> description`."
    import yaml
    if not body.startswith('---'): return body
    _, fm, rest = body.split('---', 2)
    meta = yaml.safe_load(fm) or {}
    rest = rest.replace('<!-- WARNING: THIS FILE WAS AUTOGENERATED! DO NOT EDIT! -->', '').lstrip()
    head = f"# {meta.get('title', '')}\n\n" + (f"> {meta['description']}\n\n" if meta.get('description') else '')
    return head + rest


def page_of(nb: Path) -> Path:
    "The site page (relative to docs_md/) of a notebook (relative to nbs/)."
    return Path('index.md') if nb == Path('index.ipynb') else nb.with_suffix('.md')


def _doc_pages() -> dict:
    "nbdev's doc name of each notebook (`08_infer.ipynb` → `infer`) → (its page, the anchors of its headings)."
    from execnb.nbio import read_nb
    from markdown.extensions.toc import slugify
    from nbdev.doclinks import _nbpath2html
    pages = {}
    for p in notebooks():
        rel = p.relative_to(NBS)
        md = '\n'.join(c.source for c in read_nb(PROC / rel).cells if c.cell_type == 'markdown')
        anchors = {slugify(h, '-') for h in re.findall(r'^#+\s+(.+?)\s*$', md, re.M)}
        pages[str(_nbpath2html(rel)).removesuffix('.html')] = (page_of(rel), anchors)
    return pages


def relink(body: str, nb: Path, pages: dict, site: bool) -> str:
    """Point every local link where it resolves. On the site: nbdev's doc URLs and `.ipynb` links go to the pages,
    anything outside nbs/ to the repository. In the README (at the repository's root): paths are made relative to
    the root, notebooks stay notebooks."""
    from markdown.extensions.toc import slugify

    def target(t: str, anchor: str = '') -> str:
        "A path relative to nbs/ (may start with ..), as a link from this page."
        t = os.path.normpath(t).replace(os.sep, '/')
        if not site: return os.path.normpath(f'nbs/{t}').replace(os.sep, '/') + anchor
        if t.startswith('..'): return BLOB + os.path.normpath(f'nbs/{t}').replace(os.sep, '/') + anchor
        if t.endswith('.ipynb'): t = str(page_of(Path(t)))
        return os.path.relpath(t, nb.parent).replace(os.sep, '/') + anchor

    def doc_url(m):
        if m.group(1) not in pages: return m.group(0)
        page, anchors = pages[m.group(1)]
        anchor = slugify(m.group(2)[1:], '-') if m.group(2) else ''
        anchor = f'#{anchor}' if anchor in anchors else ''      # a symbol without its own heading: the page
        return target(str(page.with_suffix('.ipynb')), anchor)

    def local(m):
        bang, text, url = m.groups()
        if re.match(r'^[a-z]+:|^#|^/', url): return m.group(0)
        path, _, anchor = url.partition('#')
        return f'{bang}[{text}]({target(str(nb.parent / path), "#" + anchor if anchor else "")})'
    body = re.sub(r'(!?)\[([^\]]*)\]\(([^)\s]+)\)', local, body)
    return re.sub(re.escape(DOC_URL) + r'([\w/.-]+?)\.html(#[\w.\-]*)?', doc_url, body)


def to_markdown(nb: Path, out: Path, img_prefix: str = '') -> str:
    "Export one processed notebook to Markdown, writing its figures beside it."
    from nbconvert import MarkdownExporter
    body, res = MarkdownExporter().from_filename(str(nb))
    out.parent.mkdir(parents=True, exist_ok=True)
    for name, data in (res.get('outputs') or {}).items():
        (out.parent / f'{out.stem}_{name}').write_bytes(data)
        body = body.replace(f']({name})', f']({img_prefix}{out.stem}_{name})')
    body = _front_matter_to_heading(body.replace('\r\n', '\n')).strip() + '\n'
    body = re.sub(r'\n{3,}', '\n\n', body)
    out.write_text(body, encoding='utf-8')
    return body


def readme(check: bool) -> int:
    "Write README.md from nbs/index.ipynb; with `check`, compare instead of writing."
    proc = process()
    tmp = PROC / 'README.md'
    body = to_markdown(proc / 'index.ipynb', tmp, img_prefix='')
    body = relink(body, Path('index.ipynb'), _doc_pages(), site=False)  # after process(): reads _proc/
    if check:
        old = (ROOT / 'README.md').read_text(encoding='utf-8') if (ROOT / 'README.md').exists() else ''
        if old != body:
            print('README.md is out of date: run `python tools/build_docs.py --readme` and commit it.', file=sys.stderr)
            return 1
        print('README.md matches nbs/index.ipynb')
        return 0
    (ROOT / 'README.md').write_text(body, encoding='utf-8')
    print(f"wrote README.md ({len(body.splitlines())} lines)")
    return 0


def katex(dest: Path) -> None:
    "Copy KaTeX (JS, CSS, fonts, auto-render) from the npm registry into the site's assets: math renders offline."
    pkg = NPM / 'node_modules' / 'katex' / 'dist'
    if not pkg.exists():
        NPM.mkdir(exist_ok=True)
        subprocess.run(['npm', 'install', '--no-audit', '--no-fund', '--silent', '--prefix', str(NPM), KATEX], check=True)
    dest.mkdir(parents=True, exist_ok=True)
    for f in ('katex.min.js', 'katex.min.css', 'contrib/auto-render.min.js'): shutil.copy2(pkg / f, dest / Path(f).name)
    shutil.copytree(pkg / 'fonts', dest / 'fonts', dirs_exist_ok=True)


def _nav_pages() -> set:
    "Every page named in mkdocs.yml's nav."
    return set(re.findall(r':\s*(\S+\.md)\s*$', (ROOT / 'mkdocs.yml').read_text(), re.M))


def site() -> int:
    "Write one Markdown page per notebook into docs_md/ and build the MkDocs site into site/ (strict)."
    proc = process(); pages = _doc_pages()
    shutil.rmtree(MD, ignore_errors=True)
    for nb in notebooks():
        rel = nb.relative_to(NBS)
        out = MD / page_of(rel)
        to_markdown(proc / rel, out)
        out.write_text(relink(out.read_text(encoding='utf-8'), rel, pages, site=True), encoding='utf-8')
    if (NBS / 'images').exists(): shutil.copytree(NBS / 'images', MD / 'images')
    katex(MD / 'assets' / 'katex')
    shutil.copytree(ROOT / 'tools' / 'docs_assets', MD / 'assets', dirs_exist_ok=True)
    written = {str(page_of(nb.relative_to(NBS))) for nb in notebooks()}
    if missing := sorted(written - _nav_pages()):
        print('pages missing from the nav in mkdocs.yml: ' + ', '.join(missing), file=sys.stderr); return 1
    print(f'wrote {len(written)} pages to {MD.relative_to(ROOT)}/')
    env = dict(os.environ, NO_MKDOCS_2_WARNING='1')
    return subprocess.run([sys.executable, '-m', 'mkdocs', 'build', '--strict'], cwd=ROOT, env=env).returncode


if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--readme', action='store_true', help='build README.md from nbs/index.ipynb')
    p.add_argument('--check', action='store_true', help='with --readme: fail if README.md is out of date')
    p.add_argument('--site', action='store_true', help='build docs_md/ and the MkDocs site')
    a = p.parse_args()
    rc = 0
    if a.readme: rc |= readme(a.check)
    if a.site: rc |= site()
    if not (a.readme or a.site): p.print_help()
    sys.exit(rc)

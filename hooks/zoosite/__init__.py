"""How data/ becomes the site: loading and checking (data_files, yaml_strict, schema, rules,
catalogue), what pages show (views), rendering (pages, charts, open_data,
shortcodes), and the per-build concerns of languages, search words, history and
preview rebuilds.

MkDocs calls it through hooks/main.py; the command-line programs of tools/
import it the same way, with hooks/ first on sys.path. Its modules import each
other relatively, so a same-named package on PyPI (catalogue, schema, links,
pages and charts all exist there) can never stand in for one of them.
"""

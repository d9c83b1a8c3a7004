"""How crawlers and apps find the site and show its pages: robots.txt, a sitemap
per language with each page's last change from git, a sitemap index over both,
and what every page's head tells apps (overrides/main.html).

MkDocs writes each language's sitemap.xml itself, dating every page to the
build; after it has, on_post_build writes it again (and its .gz) with the date
of the last change to each page's source, and leaves the date out where git
does not know it. Material's language selector reads these sitemaps, so they
keep their names and places.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from .views import page_url

# The site-wide preview image (made from tools/preview-image.html), as the theme's assets serve it.
PREVIEW_IMAGE = ("assets/site/preview.png", 1200, 630)
SITEMAP_INDEX = "sitemap-index.xml"


def head(config, address, renderer) -> dict:
    """What overrides/main.html prints in every page's head besides the page's own metadata."""
    lang = config.theme["language"]
    path, width, height = PREVIEW_IMAGE
    return {
        "locale": locale(config, lang),
        "alternate_locales": [language["locale"] for language in config.extra["languages"] if language["lang"] != lang],
        "image": address.root + address.prefixes[lang] + path,
        "image_width": width,
        "image_height": height,
        "image_alt": renderer.t("page.preview_alt"),
        "feed": feed_url(address, lang),
        "feed_title": renderer.t("news.feed_title"),
    }


def locale(config, lang: str) -> str:
    return next(language["locale"] for language in config.extra["languages"] if language["lang"] == lang)


def feed_url(address, lang: str) -> str:
    return address.root + address.prefixes[lang] + "feed.xml"


def shared_files(address, renderer) -> dict[str, str]:
    """robots.txt and the sitemap index, which serve all languages: written once, by the first language's build."""
    sitemaps = [address.root + prefix + "sitemap.xml" for prefix in address.prefixes.values()]
    return {
        "robots.txt": renderer.render_template("robots.txt.j2", "robots.txt", index=address.file(SITEMAP_INDEX)),
        SITEMAP_INDEX: renderer.render_template("sitemap-index.xml.j2", SITEMAP_INDEX, sitemaps=sitemaps),
    }


def source_of(file, docs: str, sources: dict[str, str]) -> str:
    """The file a page comes from: its data file (or what dates it), or its hand-written Markdown."""
    return sources.get(file.src_uri) or f"{docs}/{file.src_uri}"


def write_sitemap(site_dir: Path, files, address, lang: str, docs: str, sources: dict[str, str],
                  updated: dict[str, str], renderer) -> None:
    """This language's sitemap.xml and sitemap.xml.gz: every page, with the date its source last changed."""
    pages = [{"url": address.page(file.src_uri, lang), "lastmod": updated.get(source_of(file, docs, sources))}
             for file in sorted(files.documentation_pages(), key=lambda file: page_url(file.src_uri))]
    text = renderer.render_template("sitemap.xml.j2", "sitemap.xml", pages=pages)
    (site_dir / "sitemap.xml").write_text(text, encoding="utf-8")
    # mtime=0: the same sitemap gives the same bytes.
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))

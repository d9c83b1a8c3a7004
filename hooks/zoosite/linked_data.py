"""schema.org descriptions of pages (JSON-LD) for search engines, built from the views.

Each is a plain object in the page's language with absolute addresses; a page
template puts it in its front matter, and overrides/main.html prints it with the
page's BreadcrumbList as one @graph. Only types whose meaning fits are used:
Dataset (the open data), SoftwareSourceCode (an atlas entry with a code
repository), ItemList (a leaderboard), CreativeWork (a model: schema.org has
no type for a trained model, and a model is a work its authors published,
with its papers as citations and its downloads as encodings).
"""

from __future__ import annotations


def dataset(site, address, lang: str, name: str, description: str, downloads: list[tuple[str, str]]) -> dict:
    """The open data, with one distribution per file: downloads are (path, media type)."""
    return {
        "@type": "Dataset",
        "name": name,
        "description": description,
        "url": address.page("open-data.md", lang),
        "license": "https://www.apache.org/licenses/LICENSE-2.0",
        "isAccessibleForFree": True,
        "inLanguage": list(address.prefixes),
        "keywords": [tag.name[lang] for tag in site.tags.values() if tag.sections],
        "distribution": [{"@type": "DataDownload", "contentUrl": address.file(path), "encodingFormat": media,
                          "name": path.removeprefix("data/")} for path, media in downloads],
    }


def source_code(entry, site, address, lang: str) -> dict | None:
    """An atlas entry whose code is public; None for the others (courses, communities, guides)."""
    repository = next((link.url for link in entry.links if link.kind == "repository" and link.url), None)
    if repository is None:
        return None
    return {
        "@type": "SoftwareSourceCode",
        "name": entry.name[lang],
        "description": entry.summary[lang],
        "url": address.page(entry.page, lang),
        "codeRepository": repository,
        "keywords": [site.tags[tag].name[lang] for tag in entry.tags],
    }


def model(model, section, site, address, lang: str, description: str) -> dict:
    """A model's page: what it is, where it belongs, the papers it cites and the files it comes as."""
    node = {
        "@type": "CreativeWork",
        "name": model.name[lang],
        "description": description,
        "url": address.page(model.page, lang),
        "isPartOf": address.page(section.page, lang),
        "keywords": [site.tags[tag].name[lang] for tag in section.tags],
    }
    names = [name for name in (model.full_name[lang] if model.full_name else None, *model.aliases) if name]
    if names:
        node["alternateName"] = names
    if model.paper:
        node["citation"] = model.paper.url
    if model.artefacts:
        node["encoding"] = [{"@type": "MediaObject", "name": artefact.kind, "contentUrl": artefact.url}
                            for artefact in model.artefacts]
    return node


def item_list(table, address, lang: str, name: str) -> dict:
    """A leaderboard: its models best first."""
    first = table.metrics[0]
    return {
        "@type": "ItemList",
        "name": name,
        "url": address.page(table.leaderboard, lang),
        "numberOfItems": len(table.rows),
        "itemListOrder": "https://schema.org/ItemListOrder" + ("Descending" if first.higher_is_better else "Ascending"),
        "itemListElement": [{
            "@type": "ListItem",
            "position": position,
            "name": row.model.name[lang] + (f" ({row.result.backbone})" if row.result.backbone else ""),
            "url": address.page(row.model.page, lang),
        } for position, row in enumerate(table.rows, 1)],
    }

"""The HTML report: one offline file, untrusted text escaped, every part present."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from factcheck.models import Report
from factcheck.render.html import lineage_graph, render_html, safe_url
from factcheck.render.view import build_items


class _Tags(HTMLParser):
    """Collects every start tag with its attributes, as a browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def test_hostile_article_text_renders_as_text(fire_report: Report) -> None:
    html = render_html(fire_report)
    tags = _tags(html)
    assert [t for t, _ in tags].count("script") == 1  # only our own filter script
    assert not [t for t, a in tags if t == "img"]
    assert not [a for _, a in tags if any(k.startswith("on") for k in a)]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_only_http_links_are_links(fire_report: Report) -> None:
    hrefs = [a.get("href") or "" for t, a in _tags(render_html(fire_report)) if t == "a"]
    assert "https://example.org/fire" in hrefs
    assert not [h for h in hrefs if "javascript" in h.lower()]
    assert safe_url(" JavaScript:alert(1)") is None
    assert safe_url("https://x.test/a") == "https://x.test/a"


def test_self_contained_nothing_fetched(fire_report: Report) -> None:
    html = render_html(fire_report)
    for tag, attrs in _tags(html):
        assert "src" not in attrs, tag
        assert tag != "link"
        if tag == "a":
            assert (attrs.get("href") or "").startswith(("#", "https://example.org"))
    assert "<style>" in html and "@import" not in html and "url(" not in html.split("</style>")[0]


def test_flagged_facts_first_with_quote_highlighted_and_evidence(fire_report: Report) -> None:
    html = render_html(fire_report)
    flagged, others = html.split('id="flagged"')[1].split('id="others"')
    assert 'id="item-k1"' in flagged and 'id="item-local_b2#c2"' in flagged
    assert 'id="item-k2"' in others
    k1 = flagged.split('id="item-k1"')[1].split("</article>")[0]
    mark = k1.split("<mark>", 1)[1].split("</mark>", 1)[0]
    assert re.sub(r"<[^>]+>", "", mark) == "Officials said 40 workers were evacuated"
    assert '<span class="diff' in mark  # the claim's words that the contradiction lacks
    assert k1.count('class="card stance-') == len(fire_report.sources)
    assert "stance-contradicts" in k1 and "stance-supports" in k1


def test_matrix_has_a_row_per_fact_and_a_cell_per_source(fire_report: Report) -> None:
    html = render_html(fire_report)
    table = html.split('<table class="matrix">')[1].split("</table>")[0]
    rows = re.findall(r"<tr[^>]*? data-flags=.*?</tr>", table, re.S)
    assert len(rows) == len(build_items(fire_report))
    assert all(r.count("<td ") == len(fire_report.sources) for r in rows)


def test_filters_offer_present_flags_and_every_source(fire_report: Report) -> None:
    tags = _tags(render_html(fire_report))
    values = [a.get("value") for t, a in tags if t == "option"]
    assert {"all", "flagged", "unflagged", "numeric_discrepancy", "single_source",
            "reviewed"} <= set(values)
    assert "contradicted" not in values  # no item carries it
    assert {s.id for s in fire_report.sources} <= set(values)
    items = [a for t, a in tags if t == "article"]
    assert all("data-flags" in a and "data-sources" in a for a in items)


def test_review_is_marked(fire_report: Report) -> None:
    html = render_html(fire_report)
    articles = {a["id"]: a for t, a in _tags(html) if t == "article"}
    assert "data-reviewed" in articles["item-local_b2#c2"]
    assert "data-reviewed" not in articles["item-k1"]
    lone = html.split('id="item-local_b2#c2"')[1].split("</article>")[0]
    assert "Reviewed (local_b2#c2): set verdict" in lone and "Dana Editor" in lone


def test_lineage_graph_draws_one_arc_per_link(fire_report: Report) -> None:
    nodes, edges, height = lineage_graph(fire_report)
    assert [n.id for n in nodes] == [s.id for s in fire_report.sources]
    assert len(edges) == 1 and "farm derived from wire" in edges[0].title
    assert height > max(n.y for n in nodes)
    html = render_html(fire_report)
    assert html.count('class="edge"') == 1
    assert "A fire broke out at the Harlow paint plant" in html.split('id="lineage"')[1]


def test_deterministic(fire_report: Report) -> None:
    assert render_html(fire_report) == render_html(fire_report.model_copy(deep=True))


def test_seeds_render_without_clusters_or_lineage(seeds_report: Report) -> None:
    html = render_html(seeds_report)
    flagged = [c for c in seeds_report.claims if c.flags]
    section = html.split('id="flagged"')[1].split('id="others"')[0]
    assert section.count("<article") == len([i for i in build_items(seeds_report)
                                             if i.needs_review])
    assert len(flagged) > 0
    assert html.count("<mark>") == len(build_items(seeds_report))


def test_flag_reasons_name_sources_by_label_and_outlet(seeds_report: Report) -> None:
    html = render_html(seeds_report)
    reasons = " ".join(re.findall(r'<ul class="reasons">(.*?)</ul>', html, flags=re.S))
    outlet = next(s for s in seeds_report.sources if s.outlet)
    assert f"({outlet.outlet})" in reasons
    assert outlet.id not in reasons  # the hash id is in titles and the sources list only


def test_a_very_large_run_shows_its_most_urgent_facts_and_says_where_the_rest_is(
        fire_report: Report, monkeypatch) -> None:
    import factcheck.render.html as html_module

    items = build_items(fire_report)
    assert len(items) > 2
    monkeypatch.setattr(html_module, "MAX_CARDS", 2)
    monkeypatch.setattr(html_module, "MAX_CELLS", len(fire_report.sources))
    html = render_html(fire_report)
    cards = re.findall(r'<article class="item[^"]*" id="item-([^"]+)"', html)
    assert cards == [i.id for i in items[:2]]  # the most urgent, in order
    assert f"shows the 2 most urgent of {len(items)} facts" in html
    assert f"<b>{len(items)}</b> facts" in html
    flagged = sum(1 for i in items if i.needs_review)
    assert f'Needs review <span class="n">{flagged}</span>' in html
    table = html.split('<table class="matrix">')[1].split("</table>")[0]
    assert len(re.findall(r"<tr[^>]*? data-flags=", table)) == 1
    assert f"The matrix shows the first 1 of {len(items)} facts" in html

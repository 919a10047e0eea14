"""The public pages that the site-wide browser tests walk (axe-core in every language, tables on a phone).

The walk starts at the home page (and the other `start` pages, reached by a form rather than a link) and
follows the links of every page it opens: a link is walked when it resolves to a page named in PUBLIC_PAGES,
up to that kind's number (the first ones found, in the order of the pages), so a new visit, issue or document
of the demo is walked without naming it. A page no public page links to (the hall screen, for the projector)
is walked beside the page that names its arguments (`beside`). A new public page joins the walk by adding its
URL name here; each kind is walked once or twice, except the visits' own pages (each visit is in a different
state, so each page shows different parts).
"""

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.core.management import call_command
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation

ALL = 1_000  # every page of the kind that the walk finds


@dataclass(frozen=True)
class PageKind:
    url_name: str
    most: int = 1
    beside: tuple[str, ...] = ()  # pages with the same arguments that no public page links to
    start: bool = False  # walked from the start, without arguments: no public page links to it


PUBLIC_PAGES = (
    PageKind("portal:home", start=True),
    PageKind("portal:search", start=True),
    PageKind("portal:follow"),
    PageKind("portal:schedule"),
    PageKind("portal:schedule_month"),
    PageKind("portal:visit_list"),
    PageKind("portal:visit_detail", most=ALL),
    PageKind("portal:visit_ask"),
    PageKind("portal:visit_reception"),
    PageKind("portal:live", most=ALL, beside=("portal:live_screen",)),
    PageKind("portal:visit_record"),
    PageKind("portal:visit_results", most=ALL),
    PageKind("portal:issue_list"),
    PageKind("portal:issue_detail"),
    PageKind("portal:measure_list"),
    PageKind("portal:accountability"),
    PageKind("portal:progress_report_public", most=ALL),
    PageKind("portal:reports"),
    PageKind("portal:library"),
    PageKind("portal:library_document", most=ALL),
    PageKind("portal:library_version"),
    PageKind("portal:library_diff"),
    PageKind("portal:evaluation"),
    PageKind("portal:evaluation_year"),
    PageKind("portal:evaluation_ministry"),
    PageKind("portal:about_data"),
)
KINDS = {kind.url_name: kind for kind in PUBLIC_PAGES}


def load_public_demo() -> None:
    """The demo as a visitor finds it, with its annual evaluation published (the demo leaves it as a draft for
    a new user to publish) so that the ranking and the ministries' pages are walked too."""
    from kezdesu.demo.accounts import demo_account
    from kezdesu.demo.reports_evaluation import COORDINATOR
    from kezdesu.reports.domain.evaluation import publish_evaluation
    from kezdesu.reports.models import EvaluationScheme

    call_command("load_reference", verbosity=0)
    call_command("load_demo", verbosity=0)
    for scheme in EvaluationScheme.objects.exclude(status=EvaluationScheme.Status.PUBLISHED):
        publish_evaluation(actor=demo_account(COORDINATOR), scheme=scheme)


def _public_kind(path: str, language: str) -> tuple[PageKind, dict[str, Any]] | None:
    try:
        with translation.override(language):  # the language prefix resolves in its own language only
            match = resolve(path)
    except Resolver404:
        return None
    kind = KINDS.get(match.view_name)
    return (kind, match.kwargs) if kind is not None else None


def _beside(kind: PageKind, kwargs: dict[str, Any], language: str) -> Iterator[str]:
    with translation.override(language):
        for url_name in kind.beside:
            try:
                yield reverse(url_name, kwargs=kwargs)
            except NoReverseMatch:
                continue


def walk_public_pages(
    page: Any, base_url: str, language: str, check: Callable[[str], None]
) -> tuple[list[str], list[str]]:
    """Open every public page found from the home page in `language` and call `check(path)` on each once it has
    loaded. Returns the paths walked and the pages that did not answer 200 ("<path> answered <status>")."""
    with translation.override(language):
        starts = [reverse(kind.url_name) for kind in PUBLIC_PAGES if kind.start]
    prefix = f"/{language}/"
    queue, queued = deque(starts), set(starts)
    found = {kind.url_name: 1 for kind in PUBLIC_PAGES if kind.start}
    walked: list[str] = []
    failed: list[str] = []

    def add(path: str) -> None:
        public = _public_kind(path, language)
        if path in queued or public is None:
            return
        kind, kwargs = public
        if found.get(kind.url_name, 0) >= kind.most:
            return
        found[kind.url_name] = found.get(kind.url_name, 0) + 1
        queue.append(path)
        queued.add(path)
        for other in _beside(kind, kwargs, language):
            if other not in queued:
                queue.append(other)
                queued.add(other)

    while queue:
        path = queue.popleft()
        response = page.goto(base_url + path)
        if response is None or response.status != 200:
            failed.append(f"{path} answered {response.status if response else 'nothing'}")
            continue
        walked.append(path)
        check(path)
        for href in page.eval_on_selector_all("a[href]", "links => links.map(link => link.getAttribute('href'))"):
            target = urlsplit(href)
            if not target.scheme and target.path.startswith(prefix):
                add(target.path)
    return walked, failed

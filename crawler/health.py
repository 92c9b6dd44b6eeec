"""Source health: bot walls served as ordinary pages, and the flags a crawl run raises.

Pure functions over bytes, strings and counters, so the rules can be tested
without a crawl. A portal behind an anti-bot service often answers 200 with a
challenge page instead of the article; storing that page would be wrong and
treating it as "no new content" would hide the outage, so every fetched page
is checked here first.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

# Markers of challenge and block pages, each with the service or situation it betrays.
# They are searched in the first part of the page, lower-cased.
CHALLENGE_MARKERS: tuple[tuple[str, str], ...] = (
    (r"<title>\s*just a moment\.{0,3}\s*</title>", "cloudflare-challenge"),
    (r"checking (?:if the site connection is secure|your browser before accessing)",
     "browser-check"),
    (r"\bcf-browser-verification\b|/cdn-cgi/challenge-platform/|\bcf_chl_opt\b|__cf_chl_",
     "cloudflare-challenge"),
    (r"attention required!\s*\|\s*cloudflare", "cloudflare-block"),
    (r"ddos protection by|ddos-guard", "ddos-guard"),
    (r"incapsula incident id|_incapsula_resource", "incapsula"),
    (r"sucuri website firewall|access denied - sucuri", "sucuri"),
    (r"<title>\s*(?:access denied|403 forbidden|request rejected)\s*</title>", "access-denied"),
    (r"the requested url was rejected\. please consult with your administrator", "waf-reject"),
    (r"\bg-recaptcha\b|\bh-captcha\b|hcaptcha\.com/1/api\.js|recaptcha/api\.js", "captcha"),
    (r"<title>[^<]*captcha[^<]*</title>", "captcha"),
    (r"please (?:enable|turn on) javascript and cookies", "js-cookie-wall"),
    # Vietnamese: "xác minh bạn không phải là robot" = verify you are not a robot;
    # "vui lòng bật javascript" = please turn on JavaScript.
    (r"x[aá]c minh b[aạ]n kh[oô]ng ph[aả]i (?:l[aà] )?robot", "captcha"),
    (r"vui l[oò]ng b[aậ]t javascript", "js-cookie-wall"),
    # The testcookie / slowAES wall of shared hosts: a script computes a cookie and reloads.
    (r"slowaes\.decrypt|\btonumbers\(\s*\"[0-9a-f]{16,}", "js-cookie-wall"),
)
_CHALLENGE_RES = tuple((re.compile(p, re.IGNORECASE), name) for p, name in CHALLENGE_MARKERS)

# A page that is nothing but a script setting a cookie and reloading itself.
_COOKIE_SCRIPT = re.compile(r"document\.cookie\s*=", re.IGNORECASE)
_RELOAD_SCRIPT = re.compile(
    r"location(?:\.href)?\s*=|location\.(?:reload|replace|assign)\s*\(|http-equiv=.?refresh",
    re.IGNORECASE,
)
_SCRIPT_OR_STYLE = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
#: Visible characters below which a page that sets a cookie by script is a wall, not content.
TINY_PAGE_TEXT = 200
#: How much of a page is searched: challenge pages are small, articles put markers far down.
SCAN_BYTES = 64 * 1024


def visible_text(markup: str) -> str:
    """Text a reader would see: scripts, styles and tags removed, spaces collapsed."""
    without_code = _SCRIPT_OR_STYLE.sub(" ", markup)
    return " ".join(_TAG.sub(" ", without_code).split())


def challenge_reason(body: bytes | str) -> str | None:
    """Why a fetched page is a bot wall or challenge rather than content, or None."""
    markup = body if isinstance(body, str) else body[:SCAN_BYTES].decode("utf-8", "replace")
    markup = markup[:SCAN_BYTES]
    text = visible_text(markup)
    for pattern, name in _CHALLENGE_RES:
        if pattern.search(markup):
            # A long article that merely quotes "captcha" or embeds a comment form's
            # reCAPTCHA is still an article.
            if name == "captcha" and len(text) > 2000:
                continue
            return name
    if len(text) < TINY_PAGE_TEXT and _COOKIE_SCRIPT.search(markup) and _RELOAD_SCRIPT.search(
        markup
    ):
        return "js-cookie-wall"
    return None


# -- run flags ---------------------------------------------------------------------------

#: A listing answered 200 but gave no article link while the source had articles before.
LAYOUT_DRIFT = "layout_drift"
#: The run saw no article at all (no listing link, no unchanged listing) where there were some.
NO_ARTICLES = "no_articles"
#: A page of the source was a bot wall or challenge.
CHALLENGE = "challenge"
#: No listing of the source could be fetched.
UNREACHABLE = "unreachable"
#: A listing of a source never crawled before gave no article link (wrong URL or family).
EMPTY_LISTING = "empty_listing"
#: The run stopped before its end (shutdown, error); listing validators were dropped.
INTERRUPTED = "interrupted"

#: Every flag, in the order :func:`run_flags` raises them.
FLAG_ORDER = (CHALLENGE, UNREACHABLE, LAYOUT_DRIFT, EMPTY_LISTING, NO_ARTICLES, INTERRUPTED)

#: Flags that make a run count as failed in `crawler status` and in the exit status.
FAILING_FLAGS = frozenset({LAYOUT_DRIFT, NO_ARTICLES, CHALLENGE, UNREACHABLE, EMPTY_LISTING})


@dataclass
class RunMetrics:
    """What one run saw of one source."""

    requests: int = 0
    #: Pages answered 200 (listings and articles).
    pages: int = 0
    new_records: int = 0
    updated_records: int = 0
    meeting_reports: int = 0
    retries: int = 0
    #: HTTP status (or network error name) -> count, for failed fetches.
    http_errors: Counter[str] = field(default_factory=Counter)
    listings_requested: int = 0
    #: Listings answered 200 with markup that was read.
    listings_read: int = 0
    #: Listings answered 304 Not Modified: nothing new since the last run.
    listings_unchanged: int = 0
    #: Listings answered 200 that gave no article link.
    listings_empty: int = 0
    #: Article links seen on listings (known or not).
    article_links: int = 0
    #: Challenge page name -> count.
    challenges: Counter[str] = field(default_factory=Counter)
    #: Family detected at run time when the registry names none.
    detected_platform: str | None = None
    #: Articles the source had before the run (known URLs).
    known_before: int = 0


def run_flags(metrics: RunMetrics, *, known_before: int, finished: bool) -> list[str]:
    """Health flags of one source's run; ``known_before`` is how many articles it had."""
    flags: list[str] = []
    if metrics.challenges:
        flags.append(CHALLENGE)
    answered = metrics.listings_read + metrics.listings_unchanged
    if metrics.listings_requested and not answered and not metrics.challenges:
        flags.append(UNREACHABLE)
    if metrics.listings_empty and not metrics.challenges:
        flags.append(LAYOUT_DRIFT if known_before else EMPTY_LISTING)
    saw_articles = metrics.article_links > 0 or metrics.listings_unchanged > 0
    if known_before and answered and not saw_articles:
        flags.append(NO_ARTICLES)
    if not finished:
        flags.append(INTERRUPTED)
    return flags


def is_success(flags: list[str] | tuple[str, ...]) -> bool:
    return not FAILING_FLAGS.intersection(flags) and INTERRUPTED not in flags

"""Contact details: e-mails, phone numbers and profile URLs, and the handles they reveal."""

import re
from dataclasses import dataclass, field

EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
PHONE_RE = re.compile(r"(?<![\w/.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?|\d{2,5}[\s.-])\d{2,5}(?:[\s.-]\d{2,5}){0,3}(?![\w/])"
                      r"|(?<![\w/.])\+\d{1,3}[\s.-]?\d{8,12}(?![\w/])|(?<![\w/.])\d{10}(?![\w/])")
_SCHEME_URL = re.compile(r"\bhttps?://[^\s<>()\[\]|,\"']+", re.I)
_TLD = r"\.(?:com|org|net|io|me|dev|ai|co|fyi|info|xyz|page|site|app|tech|blog|in|uk|de|ca|github\.io)"
_BARE_URL = re.compile(
    rf"(?<![@\w.])(?:www\.)?[a-z0-9][a-z0-9-]+(?:\.[a-z0-9-]+)*{_TLD}(?:/[^\s<>()\[\]|,\"']*)?(?![\w@])", re.I)
# What each pattern's matches must hold: only the lines holding it are searched (the patterns above match
# no line end), and a phone number is tried only where it can begin (a sign, bracket or digit that no
# letter, digit, dot or slash precedes), as the regex engine would try every character of the text.
_NEEDLES = {EMAIL_RE: re.compile("@"), _SCHEME_URL: re.compile("://"), _BARE_URL: re.compile(_TLD, re.I)}
_PHONE_START = re.compile(r"[+(\d](?<=[^\w/.].)")  # its first character first: the engine skips to those
# A person's own pages: linkedin.com/in/NAME, github.com/NAME (not github.com/org/repo), NAME.github.io ...
PROFILE_RE = re.compile(
    r"^(?:(?:[\w-]+\.)?linkedin\.com/in/[\w%.-]+|(?:github|gitlab|twitter|x|kaggle|huggingface|dribbble|behance)"
    r"\.(?:com|co|net)/@?[\w.-]+|medium\.com/@[\w.-]+|[\w-]+\.github\.io|scholar\.google\.[\w.]+/citations\S*|"
    r"stackoverflow\.com/users/\S+|about\.me/[\w.-]+)/?$", re.I)


# A personal site's first label is often the owner's name: "janedoe.example.net", "www.janedoe.dev".
_PERSONAL_SITE = re.compile(r"(?:https?://)?(?:www\.)?([a-z][a-z-]{4,})\.(?:[a-z-]+\.)*[a-z]{2,}/?$", re.I)


@dataclass
class Contacts:
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    spans: list[tuple[str, int, int]] = field(default_factory=list)  # (kind, start, end) in the text

    @property
    def handles(self) -> list[str]:
        """Account names from e-mails and profile URLs, where a person's name often hides."""
        found = [e.split("@")[0] for e in self.emails]
        for url in self.urls:
            m = re.search(r"(?:linkedin\.com/in|github\.com|gitlab\.com|twitter\.com|x\.com)/([\w.-]+)", url, re.I)
            if m:
                found.append(m.group(1))
            m = re.match(r"(?:https?://)?([\w-]+)\.github\.io", url, re.I) or _PERSONAL_SITE.match(url)
            if m:
                found.append(m.group(1))
        return found


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


def _is_phone(candidate: str) -> bool:
    digits = _digits(candidate)
    if not 10 <= digits <= 15:
        return False
    # a year range such as "2019 - 2021 2022" is not a phone number
    return not re.fullmatch(r"(?:(?:19|20)\d\d[\s.-]*)+", candidate.strip())


def _strip_url(url: str) -> str:
    url = url.rstrip(".)/")
    return re.sub(r"^https?://(?:www\.)?", "", url, flags=re.I)


def _contact_line(text: str, at: int) -> bool:
    """A line of contact details (separators, an e-mail, few words), not prose naming "Stride.ai"."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start:end if end >= 0 else len(text)]
    return len(line.split()) <= 2 or bool(re.search(r"[|•·@]|\s{3,}", line))


def _in_lines(pattern: re.Pattern, text: str):
    """pattern.finditer(text), searching only the lines that hold the pattern's needle."""
    needle = _NEEDLES[pattern]
    found = needle.search(text)
    while found:
        start = text.rfind("\n", 0, found.start()) + 1
        end = text.find("\n", found.end())
        end = len(text) if end < 0 else end
        yield from pattern.finditer(text, start, end)
        found = needle.search(text, end)


def _phones(text: str):
    """PHONE_RE.finditer(text), tried only where a phone number can begin."""
    pos = 0
    while pos < len(text):
        if pos == 0 and text[0] in "+(0123456789":
            at = 0
        elif start := _PHONE_START.search(text, max(pos, 1)):
            at = start.start()
        else:
            return
        m = PHONE_RE.match(text, at)
        if m:
            yield m
        pos = m.end() if m else at + 1


def find_contacts(text: str, url_zone: int) -> Contacts:
    """E-mails and phones anywhere; URLs only in the first `url_zone` characters.

    Below the header, "Stride.ai" or "D3.js" are company and library names, not the person's pages;
    profile URLs (LinkedIn, GitHub...) count anywhere.

    >>> c = find_contacts("Ada | ada@example.com | +1 (555) 010-2030 | github.com/ada-l | ada.dev", 200)
    >>> c.emails, c.phones, c.urls, c.handles
    (['ada@example.com'], ['+1 (555) 010-2030'], ['github.com/ada-l', 'ada.dev'], ['ada', 'ada-l'])
    """
    contacts = Contacts()
    taken: list[tuple[int, int]] = []

    def free(start, end):
        return all(end <= s or start >= e for s, e in taken)

    for m in _in_lines(EMAIL_RE, text):
        email = m.group(0).rstrip(".")
        if email.lower() not in (e.lower() for e in contacts.emails):
            contacts.emails.append(email)
        contacts.spans.append(("email", m.start(), m.end()))
        taken.append((m.start(), m.end()))
    for m in _in_lines(_SCHEME_URL, text):
        if not free(m.start(), m.end()):
            continue
        url = _strip_url(m.group(0))
        taken.append((m.start(), m.end()))
        if m.start() < url_zone or PROFILE_RE.match(url):
            if url.lower().startswith("mailto:"):
                continue
            if url not in contacts.urls:
                contacts.urls.append(url)
            contacts.spans.append(("url", m.start(), m.end()))
    for m in _in_lines(_BARE_URL, text):
        url = _strip_url(m.group(0))
        if not free(m.start(), m.end()):
            continue
        profile = bool(PROFILE_RE.match(url))
        if profile or m.start() < url_zone and _contact_line(text, m.start()):
            if url not in contacts.urls and not re.search(r"\.(?:js|ts|py)$", url, re.I):
                contacts.urls.append(url)
                contacts.spans.append(("url", m.start(), m.end()))
                taken.append((m.start(), m.end()))
    for m in _phones(text):
        phone = m.group(0).strip()
        if free(m.start(), m.end()) and _is_phone(phone):
            if phone not in contacts.phones:
                contacts.phones.append(phone)
            contacts.spans.append(("phone", m.start(), m.end()))
            taken.append((m.start(), m.end()))
    return contacts

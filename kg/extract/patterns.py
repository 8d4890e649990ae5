"""Regex building blocks shared by the extractors."""


def one_of(alternatives: list[str]) -> str:
    """A regex group matching any of `alternatives` (regex fragments, each starting with a plain letter)
    as "a|b|c" would, with the same preference among them, but grouped by that first letter:
    "(?:e(?:ngineer|ngineers)|d(?:eveloper|ata\\s+engineer))".

    Under re.I the regex engine cannot rule out an alternative by its first letter, so a flat list of two
    hundred job titles is tried title by title at every word; grouped, one branch per letter is.

    >>> one_of(["engineer", "engineers", "developer", r"data\\s+engineer"])
    '(?:e(?:ngineer|ngineers)|d(?:eveloper|ata\\\\s+engineer))'
    """
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        groups.setdefault(alternative[0], []).append(alternative[1:])
    return "(?:" + "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items()) + ")"

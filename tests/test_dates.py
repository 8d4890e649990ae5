"""Date shapes resumes use, normalised to YYYY / YYYY-MM / present."""

import pytest

from kg.dates import find_ranges, months_between, normalize_date


@pytest.mark.parametrize("text, start, end", [
    ("Oct 2023 - Present", "2023-10", "present"),
    ("June'21 - Present", "2021-06", "present"),
    ("Jan. 2020 - May 2021", "2020-01", "2021-05"),
    ("Nov 2005 – Jan 2010", "2005-11", "2010-01"),
    ("March. 2024 - Present", "2024-03", "present"),
    ("2019–2021", "2019", "2021"),
    ("November 2017 to Present", "2017-11", "present"),
    ("Jul'18- May '19", "2018-07", "2019-05"),
    ("Aug. 2019 - May. 2021", "2019-08", "2021-05"),
    ("Sept 2018 - Current", "2018-09", "present"),
    ("05/2016 - 08/2019", "2016-05", "2019-08"),
    ("2015 - Now", "2015", "present"),
    ("Feb 2012 till date", "2012-02", "present"),
    ("May'22 - Aug'22", "2022-05", "2022-08"),
    ("Jan 2020 — Dec 2021", "2020-01", "2021-12"),
    ("2022-01 – present", "2022-01", "present"),
    ("since March 2020", "2020-03", "present"),
    ("Summer 2019 - Fall 2020", "2019", "2020"),
])
def test_date_ranges(text, start, end):
    ranges = find_ranges(f"Engineer, Acme  {text}  (Remote)")
    assert [(r.start, r.end) for r in ranges] == [(start, end)]


@pytest.mark.parametrize("text", ["408-839-3815", "ResNet50 on 1.2TB", "Python 3.11", "2021 2022", "v3-8"])
def test_no_ranges_in_numbers(text):
    assert find_ranges(text) == []


def test_two_digit_years_pivot():
    assert normalize_date("Jul'18") == "2018-07"
    assert normalize_date("Jan '99") == "1999-01"


def test_months_between_counts_present_to_today():
    import datetime as dt
    assert months_between("2024-03", "present", today=dt.date(2026, 11, 1)) == 32
    assert months_between("2021", None) is None

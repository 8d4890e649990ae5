"""Layout shapes of resumes: each case is a fictional resume in one shape, text in, facts out.

Written for these tests (no phrase of the seeds, the examples or the layout corpus); the last test
keeps the layout corpus's scores above their floors.
"""

import importlib.util

import pytest

from .conftest import DATA, ROOT

HEAD = "Marta Kowalczyk\nmarta.kowalczyk@example.com | +1 555 010 4477\n\n"


def _positions(extraction):
    return [(p.employer, p.title, p.start, p.end) for p in extraction.positions]


def _education(extraction):
    return [(e.institution, e.degree, e.end) for e in extraction.education]


POSITION_SHAPES = {
    "title, company - city / dates": (
        "EXPERIENCE\n\nLead Data Engineer, Quorra Systems - Denver, CO\nSept. 2020 - Current\n"
        "• Rebuilt the ingestion layer.\n\nData Engineer, Bramblecode - Boulder, CO\nJan 2017 – Aug 2020\n"
        "• Wrote the billing jobs.\n",
        [("Quorra Systems", "Lead Data Engineer", "2020-09", "present"),
         ("Bramblecode", "Data Engineer", "2017-01", "2020-08")]),
    "company  city / title / dates": (
        "Work History:\n\nTallis Robotics  Pittsburgh, PA\nControls Engineer\nMar 2019 – Present\n"
        "- Tuned the arm controllers.\n\nFenwick Motors  Detroit, MI\nTest Engineer\nJun 2015 – Feb 2019\n"
        "- Ran the dyno lab.\n",
        [("Tallis Robotics", "Controls Engineer", "2019-03", "present"),
         ("Fenwick Motors", "Test Engineer", "2015-06", "2019-02")]),
    "title | company | dates": (
        "## Experience\n\n**Platform Engineer | Helvio Labs | 2021–present**\n\n- Ran the clusters.\n\n"
        "**Site Reliability Engineer | Corvane | 2018–2021**\n\n- Wrote runbooks.\n",
        [("Helvio Labs", "Platform Engineer", "2021", "present"),
         ("Corvane", "Site Reliability Engineer", "2018", "2021")]),
    "job-board export with unindented wrapped bullets": (
        "WORK EXPERIENCE\n\nInventory Analyst\nMarrow & Finch - Columbus, OH\nNovember 2018 to Present\n\n"
        "- Raised forecast accuracy from\n71% to 88% for the spring season\n- Built the weekly stock report in\n"
        "Excel and Python\n\nBuyer\nPellham Grocers - Dayton, OH\nMay 2014 to October 2018\n\n"
        "- Negotiated supplier terms\n",
        [("Marrow & Finch", "Inventory Analyst", "2018-11", "present"),
         ("Pellham Grocers", "Buyer", "2014-05", "2018-10")]),
    "dates in a right-hand column": (
        "EXPERIENCE\n\nBackend Developer, Ostrava Softworks                      04/2019 - 11/2023\nBrno\n"
        "  - Kept the order API fast.\nJunior Developer, Kvetina Studio\t\t\t09/2016 - 03/2019\nBrno\n"
        "  - Fixed the checkout.\n",
        [("Ostrava Softworks", "Backend Developer", "2019-04", "2023-11"),
         ("Kvetina Studio", "Junior Developer", "2016-09", "2019-03")]),
    "dates before the title": (
        "PROFESSIONAL EXPERIENCE\n\nAug. 2022 - Present\nProduct Designer\nLumen Harbor, Lisbon, Portugal\n"
        "– Designed the onboarding flow.\n\nFeb. 2019 - Jul. 2022\nUI Designer\nTessarin, Porto, Portugal\n"
        "– Drew the icon set.\n",
        [("Lumen Harbor", "Product Designer", "2022-08", "present"),
         ("Tessarin", "UI Designer", "2019-02", "2022-07")]),
    "company - title (apostrophe dates)": (
        "Experience\n\nNorthgate Analytics — Analytics Manager (Jan'20 - Present)\n▪ Leads four analysts.\n\n"
        "Plumtree Insurance — Actuarial Analyst (Jul'16 - Dec'19)\n▪ Priced motor policies.\n",
        [("Northgate Analytics", "Analytics Manager", "2020-01", "present"),
         ("Plumtree Insurance", "Actuarial Analyst", "2016-07", "2019-12")]),
    "one line with middle dots and a team": (
        "Experience\n----------\n\nOrrin Health · Staff Engineer, Claims Platform · Chicago, IL · 2019 - Now\n"
        "  - Split the monolith.\n\nVerdant Pay · Software Engineer · Evanston, IL · 2015 - 2019\n"
        "  - Built payouts.\n",
        [("Orrin Health", "Staff Engineer", "2019", "present"),
         ("Verdant Pay", "Software Engineer", "2015", "2019")]),
    "title @ company (city) with dot leaders and arrows": (
        "PLACES I WORKED\nMobile Engineer @ Kestrel Apps (Oslo) ............ 2021 → now\n"
        "  - Shipped the offline mode.\nAndroid Developer @ Fjellby (remote) ........... 2018 → 2021\n"
        "  - Wrote the sync engine.\n",
        [("Kestrel Apps", "Mobile Engineer", "2021", "present"),
         ("Fjellby", "Android Developer", "2018", "2021")]),
    "labelled fields": (
        "EXPERIENCE\n\nEmployer: Saltmarsh Energy\nRole: Grid Analyst\nPeriod: Apr 2020 - Present\n"
        "Location: Aberdeen, United Kingdom\nAchievements:\n  - Modelled peak demand.\n"
        "Tools Used: Python, SQL\n\nEmployer: Caddow Utilities\nRole: Junior Analyst\n"
        "Period: Sep 2017 - Mar 2020\nAchievements:\n  - Cleaned meter data.\n",
        [("Saltmarsh Energy", "Grid Analyst", "2020-04", "present"),
         ("Caddow Utilities", "Junior Analyst", "2017-09", "2020-03")]),
    "designation and duration labels, continued section": (
        "== EXPERIENCE ==\n\nIndra Softlabs Pvt. Ltd., Pune\nDesignation : Technical Lead (Payments Gateway)\n"
        "Duration : Mar 2016 till date\n - Owns the settlement service.\n\n== EDUCATION ==\n\n"
        "B.E. in Information Technology\nUniversity of Pune\n2008 - 2012\n\n"
        "Work Experience (Contd.) ______\n\nIndra Softlabs Pvt. Ltd., Pune\nDesignation : Developer\n"
        "Duration : Jul 2012 - Feb 2016\n - Wrote batch jobs.\n",
        [("Indra Softlabs Pvt. Ltd.", "Technical Lead", "2016-03", "present"),
         ("Indra Softlabs Pvt. Ltd.", "Developer", "2012-07", "2016-02")]),
    "academic research heading with a lab": (
        "RESEARCH EXPERIENCE\nPostdoctoral Fellow\nRobot Perception Lab, University of Bristol — Oct 2021 - Present\n"
        "  • Studies tactile sensing.\n"
        "Visiting Researcher, Marine Acoustics Group — Halden Institute — Summer 2019\n"
        "  • Recorded whale calls.\n",
        [("University of Bristol", "Postdoctoral Fellow", "2021-10", "present"),
         ("Halden Institute", "Visiting Researcher", "2019", "2019")]),
    "table with column headers, repeated after a page break": (
        "EMPLOYMENT\n\n| Period | Company | Position |\n|---|---|---|\n"
        "| 03/2021 - Present | Ashgrove Foods | Supply Planner |\n| 06/2017 - 02/2021 | Dunmore Mills | Planner |\n"
        "\n--- Page 1 of 2 ---\n\n| Period | Company | Position |\n|---|---|---|\n"
        "| 03/2021 - Present | Ashgrove Foods | Supply Planner |\n| 06/2017 - 02/2021 | Dunmore Mills | Planner |\n",
        [("Ashgrove Foods", "Supply Planner", "2021-03", "present"),
         ("Dunmore Mills", "Planner", "2017-06", "2021-02")]),
    "markdown company sub-headings": (
        "## Experience\n\n### Brightfold Media\n_Video Editor, Documentary Unit_ · Leeds · 2020-05 – present\n\n"
        "- Cut two feature documentaries.\n\n### Pennant Studios\n_Assistant Editor_ · York · 2017-09 – 2020-04\n\n"
        "- Logged rushes.\n",
        [("Brightfold Media", "Video Editor", "2020-05", "present"),
         ("Pennant Studios", "Assistant Editor", "2017-09", "2020-04")]),
    "promotions under one company": (
        "Experience\n\nHollowell Bank\nSenior Risk Analyst   Jan 2021 - Present\n- Owns the stress tests.\n"
        "Risk Analyst   Jun 2018 - Dec 2020\n- Built the loss models.\n",
        [("Hollowell Bank", "Senior Risk Analyst", "2021-01", "present"),
         ("Hollowell Bank", "Risk Analyst", "2018-06", "2020-12")]),
    "unicode leaders and an unknown city before its state": (
        "Experience\nQuality Engineer – Dunmore Aerospace, Wichita, KS, USA …… March 2018 – Present\n"
        "• Audited suppliers.\n",
        [("Dunmore Aerospace", "Quality Engineer", "2018-03", "present")]),
    "an unknown company and its city": (
        "PROFESSIONAL EXPERIENCE\n\nMay 2019 - Present\nData Engineer\nKorvexa, Singapore\n– Ran the lake.\n",
        [("Korvexa", "Data Engineer", "2019-05", "present")]),
    "two columns read across": (
        "SKILLS\nEXPERIENCE\nPython, SQL\nRisk Analyst\nExcel\nHollowell Bank, Leeds, UK\nTableau\n"
        "Mar 2020 - Present\n• Built the loss models.\nEDUCATION\nB.Sc. Economics\nClaims Analyst\n"
        "University of Leeds\nPellham Insurance, York, UK\n2014 - 2017\nJun 2017 - Feb 2020\n",
        [("Hollowell Bank", "Risk Analyst", "2020-03", "present"),
         ("Pellham Insurance", "Claims Analyst", "2017-06", "2020-02")]),
    "linkedin export with a sidebar and durations": (
        "Contact\nmarta.kowalczyk@example.com\n\nKey Skills\nForecasting\nPower BI\n\nMarta Kowalczyk\n"
        "Demand Planner at Orla Retail\nKraków, Poland\n\nExperience\n\nOrla Retail\nDemand Planner\n"
        "March 2020 - Present (4 years 2 months)\nKraków, Poland\nLeads the weekly forecast review for\n"
        "twelve stores.\n\nVistula Trading\nPlanning Assistant\nJuly 2017 - February 2020 (2 years 8 months)\n"
        "Warsaw, Poland\n",
        [("Orla Retail", "Demand Planner", "2020-03", "present"),
         ("Vistula Trading", "Planning Assistant", "2017-07", "2020-02")]),
}


@pytest.mark.parametrize("body, expected", POSITION_SHAPES.values(), ids=POSITION_SHAPES.keys())
def test_position_shapes(extract_text, body, expected):
    text = body if body.startswith("Contact") else HEAD + body
    assert _positions(extract_text(text)) == expected


EDUCATION_SHAPES = {
    "degree, school - city / years": (
        "EDUCATION\n\nM.S. Statistics, Lakemont University - Madison, WI\n2016 - 2018\n",
        [("Lakemont University", "M.S.", "2018")]),
    "school  city / degree / dates": (
        "EDUCATION\n\nKestrel State University  Fargo, ND\nB.A. Economics\nSept. 2010 – May 2014\n",
        [("Kestrel State University", "B.A.", "2014")]),
    "dates before the degree": (
        "EDUCATION\n\n2015 - 2017\nM.A. in Applied Linguistics\nHollins College, Roanoke, VA\n\n"
        "2011 - 2015\nB.A. in English\nFairhaven College, Bellingham, WA\n",
        [("Hollins College", "M.A.", "2017"), ("Fairhaven College", "B.A.", "2015")]),
    "school — degree (years)": (
        "Education\n\nUniversity of Halden — B.A.Sc. Mechanical Engineering (2009 - 2013)\n",
        [("University of Halden", "B.A.Sc.", "2013")]),
    "middle dots": (
        "Education\n---------\n\nGreyfield Institute of Technology · B.S. Physics · Troy, NY · 2005 - 2009\n",
        [("Greyfield Institute of Technology", "B.S.", "2009")]),
    "labelled fields": (
        "EDUCATION\n\nInstitution: Vilnius Technical University\nDegree: MSc Software Systems\nPeriod: 2014 - 2016\n",
        [("Vilnius Technical University", "MSc", "2016")]),
    "table with column headers": (
        "Education\n\n| Degree | University | Year |\n|---|---|---|\n| MBA | Ridgeway Business School | 2019 |\n"
        "| B.Com. | Saint Alder College | 2013 |\n",
        [("Ridgeway Business School", "MBA", "2019"), ("Saint Alder College", "B.Com.", "2013")]),
    "table without a header row": (
        "EDUCATION\n\n| 2008 - 2011 | BSc (Hons) Geography | University of Carlow |\n",
        [("University of Carlow", "BSc (Hons)", "2011")]),
    "full degree with its abbreviation": (
        "Education\nNorthmoor University\nBachelor of Science - BS, Chemistry · (2010 - 2014)\n",
        [("Northmoor University", "Bachelor of Science", "2014")]),
    "expected graduation after a range": (
        "EDUCATION\nAshbourne University — Ph.D. in Hydrology\n"
        "Sep 2021 - present (expected June 2026). Advisor: T. Moss\n",
        [("Ashbourne University", "Ph.D.", "2026")]),
    "at-signs and dot leaders": (
        "EDUCATION\nM.Sc. Robotics @ Technical University of Halden ....... 2016 → 2018\n",
        [("Technical University of Halden", "M.Sc.", "2018")]),
    "one school's line over two degrees": (
        "EDUCATION\nLakemont University, Madison, WI\nPh.D., Statistics, 2016\nM.S., Statistics, 2012\n",
        [("Lakemont University", "Ph.D.", "2016"), ("Lakemont University", "M.S.", "2012")]),
    "acronym and campus city": (
        "EDUCATION\nB.Tech. in Civil Engineering\nNational Institute of Technology, Warangal (NITW)\n2010 - 2014\n",
        [("National Institute of Technology, Warangal", "B.Tech.", "2014")]),
}


@pytest.mark.parametrize("body, expected", EDUCATION_SHAPES.values(), ids=EDUCATION_SHAPES.keys())
def test_education_shapes(extract_text, body, expected):
    assert _education(extract_text(HEAD + body)) == expected


@pytest.mark.parametrize("text, name, inferred", [
    ("Data analyst · Python / SQL\nAustin, TX\nlena.hartmann@example.com | github.com/lhartmann\n\n"
     "WHAT DRIVES ME\nI clean data.\n", "Lena Hartmann", True),
    ("Contact\nlena.hartmann@example.com\n\nKey Skills\nData Visualization\n\nLena Hartmann\n"
     "Analyst at Orla Retail\nAustin, Texas\n", "Lena Hartmann", False),
    ("hartmann.lena@example.com\nSeattle, WA\n\nEXPERIENCE\n", "Lena Hartmann", True),
    ("Lena Hartmann - Resume\nlena@example.com\n", "Lena Hartmann", False),
])
def test_person_name_shapes(extract_text, text, name, inferred):
    person = extract_text(text + "\nSkills: Python\n").person
    assert (person.name, person.name_inferred) == (name, inferred)


@pytest.mark.parametrize("text, expected", [
    ("April. 2023 - Present", [("2023-04", "present")]),
    ("Sept 2017 – Current", [("2017-09", "present")]),
    ("Oct'20 - Now", [("2020-10", "present")]),
    ("Mar 2011 till date", [("2011-03", "present")]),
    ("2019 to 2021", [("2019", "2021")]),
    ("2020 → now", [("2020", "present")]),
    ("07/2013 - 09/2017", [("2013-07", "2017-09")]),
    ("2021-03 – present", [("2021-03", "present")]),
])
def test_date_shapes(text, expected):
    from kg.dates import find_ranges
    assert [(r.start, r.end) for r in find_ranges(text)] == expected


FLOORS = {"person name": 0.98, "employers": 0.98, "titles": 0.98, "institutions": 0.98, "degrees": 0.98}


def test_layout_corpus_floors():
    spec = importlib.util.spec_from_file_location("accuracy", ROOT / "benchmarks" / "accuracy.py")
    accuracy = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(accuracy)
    totals = accuracy.evaluate(DATA / "layouts" / "gold.json", DATA / "layouts")
    low = {field: round(totals[field].f1, 2) for field, floor in FLOORS.items() if totals[field].f1 < floor}
    assert not low, f"layouts: F1 below the floor: {low}"

"""Extractor cases: text in, expected facts out. Written for these tests; no seed phrases."""

import pytest

RESUME_HEAD = "Priya Raman\npriya.raman@example.com | (555) 010-2233\n\n"


def _positions(extraction):
    return [(p.employer, p.title, p.start, p.end) for p in extraction.positions]


@pytest.mark.parametrize("body, expected", [
    ("Experience\n\nStaff Engineer - Search, Acme Analytics Ltd - Boston, MA\nOct 2021 - Present\n- Built ranking.\n",
     [("Acme Analytics Ltd", "Staff Engineer", "2021-10", "present")]),
    ("WORK EXPERIENCE\n\nData Engineer\nZillow - Seattle, WA\nNovember 2017 to Present\n- Built pipelines.\n",
     [("Zillow", "Data Engineer", "2017-11", "present")]),
    ("Experience\nNorthwind Traders   Chicago, IL\nSenior Developer\nJan. 2019 - May 2021\n- Shipped things.\n",
     [("Northwind Traders", "Senior Developer", "2019-01", "2021-05")]),
    ("## Experience\n**Machine Learning Engineer | Brightloop | 2019–2021**\n- Trained models.\n",
     [("Brightloop", "Machine Learning Engineer", "2019", "2021")]),
    ("Professional Experience\nSpotify Senior Data Scientist, Personalization\nStockholm, Sweden\nJune'20 - Present\n"
     "- Ranked podcasts.\n",
     [("Spotify", "Senior Data Scientist", "2020-06", "present")]),
    ("EXPERIENCE\nSenior Engineer, Acme Pvt Ltd / Beta Technologies Ltd - Pune, India Nov 2005 – Jan 2010\n- Built.\n",
     [("Acme Pvt Ltd", "Senior Engineer", "2005-11", "2010-01"),
      ("Beta Technologies Ltd", "Senior Engineer", "2005-11", "2010-01")]),
    ("# Industry Experience ____\n\nKestrel Robotics Inc.\nROBOTICS ENGINEER\nAustin, TX\nMarch. 2024 - Present\n"
     "- Wrote firmware.\n",
     [("Kestrel Robotics Inc.", "Robotics Engineer", "2024-03", "present")]),
    ("Research Experience\nUniversity of Toronto\nGraduate Research Assistant, Vision Lab\nSept 2018 - Current\n"
     "- Published papers.\n",
     [("University of Toronto", "Graduate Research Assistant", "2018-09", "present")]),
    ("Experience\nSenior Engineer, Foo Systems - Denver, CO   2019 - 2021\n- Did a thing.\n"
     "Engineer, Foo Systems - Denver, CO   2017 - 2019\n- Did another thing.\n",
     [("Foo Systems", "Senior Engineer", "2019", "2021"), ("Foo Systems", "Engineer", "2017", "2019")]),
])
def test_positions(extract_text, body, expected):
    assert _positions(extract_text(RESUME_HEAD + body)) == expected


def test_team_sections_under_a_header_employer(extract_text):
    text = ("# Dana Whitfield\n\n## Pinterest\n\ndana@example.com\n\n### Staff Leader\n\nI lead teams.\n\n---\n\n"
            "### Home Feed Team\n\n- Grew the team.\n\n### Search Infra\n\n#### Scaling\n\n- Ran Elasticsearch.\n")
    positions = extract_text(text).positions
    assert [(p.employer, p.team, p.title) for p in positions] == [
        ("Pinterest", "Home Feed", None), ("Pinterest", "Search Infra", None)]


def test_skill_mentions_link_to_their_position(extract_text):
    text = RESUME_HEAD + ("Experience\nData Engineer, Acme Ltd - Boston, MA\n2019 - 2021\n- Built Kafka pipelines.\n"
                          "Analyst, Beta Ltd - Boston, MA\n2017 - 2019\n- Wrote SQL reports.\n")
    extraction = extract_text(text)
    where = {m.concept.label: extraction.position_of(m) for m in extraction.skills}
    assert where["Apache Kafka"] == 0 and where["SQL"] == 1


@pytest.mark.parametrize("body, expected", [
    ("Education\nM.S. in Computer Science, University of Colorado, Boulder, USAB.E. in Information Science, "
     "Ramaiah Institute of Technology, Bangalore, India\nAug. 2019 - May. 2021\nAug. 2014 - Jun. 2018\n",
     [("University of Colorado, Boulder", "M.S.", "Computer Science", "2021"),
      ("Ramaiah Institute of Technology", "B.E.", "Information Science", "2018")]),
    ("EDUCATION\nGeorgia Institute of Technology, USA\nMaster of Science, Computer Science, Machine Learning\n",
     [("Georgia Institute of Technology", "Master of Science", "Computer Science", None)]),
    ("Education\n| Program | Institution | CGPA | Completion |\n|--|--|--|--|\n"
     "| Dual Degree (M.Tech. in Data Science, | Indian Institute of Technology, Madras | 9.1 | 2023 |\n"
     "| B.Tech. in Mechanical Engineering) | | | |\n",
     [("Indian Institute of Technology, Madras", "M.Tech.", "Data Science", "2023"),
      ("Indian Institute of Technology, Madras", "B.Tech.", "Mechanical Engineering", "2023")]),
    ("EDUCATION\nBachelor's in Statistics\nOregon State University - Corvallis, OR\n2008 to 2012\n",
     [("Oregon State University", "Bachelor's", "Statistics", "2012")]),
    ("Education\nPh.D. in Physics, Stanford University, 2016\n",
     [("Stanford University", "Ph.D.", "Physics", "2016")]),
])
def test_education(extract_text, body, expected):
    found = [(e.institution, e.degree, e.field, e.end) for e in extract_text(RESUME_HEAD + body).education]
    assert found == expected


@pytest.mark.parametrize("text, name, inferred", [
    ("Ada Lovelace\nada@example.com\n", "Ada Lovelace", False),
    ("# GRACE HOPPER\ngrace@example.com\n", "Grace Hopper", False),
    ("**José Núñez** | jose@example.com\n", "José Núñez", False),
    ("Email: 7rahulsharma@example.com  GitHub: github.com/therahulsharma\n\nExperience\n", "Rahul Sharma", True),
    ("Contact: john.smith42@example.com\nExperience\n", "John Smith", True),
])
def test_person_name(extract_text, text, name, inferred):
    person = extract_text(text + "\nSkills: Python\n").person
    assert (person.name, person.name_inferred) == (name, inferred)


def test_contacts(extract_text):
    person = extract_text("Ada Lovelace\nada@example.com | +1 (555) 010-2030 | linkedin.com/in/ada-l | "
                          "ada.dev\n\nExperience\nUsed D3.js and Node.js at Stride.ai.\n"
                          "Contributed to github.com/acme/widgets.\n").person
    assert person.emails == ["ada@example.com"]
    assert person.phones == ["+1 (555) 010-2030"]
    assert person.urls == ["linkedin.com/in/ada-l", "ada.dev"]


def _labels(extraction):
    return {m.concept.label for m in extraction.skills}


@pytest.mark.parametrize("text, present, absent", [
    ("Skills: C, R, Go, Rust, Java", {"C", "R", "Go", "Rust", "Java"}, {"JavaScript"}),
    ("I will go to the store and rust never sleeps; spark joy.", set(), {"Go", "Rust", "Apache Spark"}),
    ("Built pipelines in Spark and Kafka; wrote JavaScript.", {"Apache Spark", "Apache Kafka", "JavaScript"},
     {"Java"}),
    ("Wrote Triton kernels; deployed on Triton Inference Server.", {"Triton", "Triton Inference Server"}, set()),
    ("Trained on TPUs and a TPU v3-8 pod with JAX.", {"TPU", "JAX"}, set()),
    ("Our system was 3x faster than Spark.", set(), {"Apache Spark"}),
    ("Seeking to learn Rust and Haskell.", set(), {"Rust", "Haskell"}),
    ("Used multi-modal embeddings and LSTMs for NER.", {"LSTM", "named entity recognition"}, set()),
    ("Tools: PyTorch, Transformers, Datasets, Accelerate",
     {"PyTorch", "Hugging Face Transformers", "Hugging Face Datasets", "Hugging Face Accelerate"}, set()),
    ("We accelerate datasets of transformers in our hub.", set(),
     {"Hugging Face Datasets", "Hugging Face Accelerate", "Hugging Face Hub"}),
    ("Skills: Al, PyTorch", {"PyTorch", "artificial intelligence"}, set()),
    ("Joined an AI startup and used PyTorch.", {"PyTorch"}, {"artificial intelligence"}),
    ("- Led the move to Kafka.\n- Managed a team of six engineers.\n- Mentored two interns.",
     {"technical leadership", "engineering management", "mentoring"}, set()),
])
def test_skills_in_context(extract_text, text, present, absent):
    labels = _labels(extract_text(RESUME_HEAD + "Experience\n" + text + "\n"))
    assert present <= labels
    assert not (absent & labels)


@pytest.mark.parametrize("body, present, absent", [
    # working at Databricks, Snowflake or Bluefin Payments says nothing of the platform or the skill
    ("Experience\nSenior Engineer, Databricks, 2019 - present\n- Built ranking in Python.\n"
     "Bluefin Payments - Data Engineer (2016 - 2019)\n- Wrote SQL.\n", {"Python"}, {"Databricks", "payments"}),
    ("Experience\nSnowflake\nSoftware Engineer\nJan 2020 - Present\n- Tuned queries.\n", set(), {"Snowflake"}),
    # using it at work, or listing it, does
    ("Experience\nSenior Engineer, Databricks, 2019 - present\n- Migrated the lake to Databricks.\n",
     {"Databricks"}, set()),
    ("Experience\nSenior Engineer, Snowflake, 2019 - present\nStack: Snowflake, dbt\n", {"Snowflake", "dbt"}, set()),
    ("Experience\nSenior Engineer, Snowflake, 2019 - present\n- Tuned queries.\n\nSkills\nSnowflake, dbt\n",
     {"Snowflake", "dbt"}, set()),
    # a technology in the header of a position at another employer still counts
    ("Experience\nData Engineer (Databricks), Acme Analytics Ltd, 2019 - present\n- Built pipelines.\n",
     {"Databricks"}, set()),
])
def test_an_employer_is_not_a_skill(extract_text, body, present, absent):
    labels = _labels(extract_text(RESUME_HEAD + body))
    assert present <= labels
    assert not (absent & labels)


@pytest.mark.parametrize("body, present, absent", [
    # the people someone works with or leads are colleagues, not skills
    ("Experience\n- Partnered closely with product managers and designers on search.\n", set(),
     {"product management"}),
    ("Experience\n- Built a team of data scientists, ML and full stack engineers.\n", set(),
     {"full-stack development"}),
    ("Experience\n- Managing applied researchers and machine learning engineers.\n", set(),
     {"machine learning engineering"}),
    # a role the person holds, or takes on, is theirs
    ("Summary\nBackend engineer with ten years of payments experience.\n", {"backend development"}, set()),
    ("Experience\n- Promoted to project manager in 2019.\n", {"project management"}, set()),
])
def test_colleagues_are_not_skills(extract_text, body, present, absent):
    labels = _labels(extract_text(RESUME_HEAD + body))
    assert present <= labels
    assert not (absent & labels)


def test_a_posting_wants_the_role_it_hires_not_those_it_works_with(extract_text):
    posting = ("Senior Backend Engineer\n\nAbout the role\nWe are hiring a Senior Backend Engineer to join our "
               "platform team. You will collaborate with product managers.\n\nRequirements\n- 5+ years of Python\n"
               "- Experience working with product owners in Scrum teams\n")
    job = extract_text(posting, kind="job_posting").job
    assert {"backend-development", "python", "scrum"} <= set(job.required)
    assert "product-management" not in job.required


def test_unknown_technology_in_a_list_becomes_a_candidate(extract_text):
    extraction = extract_text(RESUME_HEAD + "Technologies Used: Python, Zorblax, Internal tools\n")
    candidates = {m.concept.label for m in extraction.skills if m.concept.candidate}
    assert candidates == {"Zorblax"}


def test_evidence_quotes_the_document(extract_text):
    extraction = extract_text(RESUME_HEAD + "Experience\n- Deployed models with Kubernetes. Also cooked.\n")
    mention = next(m for m in extraction.skills if m.concept.label == "Kubernetes")
    text = extraction.document.text
    assert mention.evidence.quote == text[mention.evidence.start:mention.evidence.end]
    assert mention.evidence.quote == "Deployed models with Kubernetes."


def test_skills_across_a_soft_line_break(extract_text):
    """A sentence wrapped onto the next line is one unit: a skill named across the break is found and
    quoted whole, and a wish stated before the break covers what follows it; a new bullet is a new unit."""
    text = RESUME_HEAD + ("Summary\nPlatform engineer with six years on payments; keen to pick up Go next, with\n"
                          "some low-latency work too.\n\nExperience\n"
                          "- Rebuilt the settlement service as large-scale distributed\n"
                          "  systems over Apache Kafka.\n- Tuned the machine\n- Learning rates were not mine.\n")
    extraction = extract_text(text)
    found = {m.concept.id: m for m in extraction.skills}
    mention = found["distributed-systems"]
    document = extraction.document.text
    assert document[mention.start:mention.end] == "large-scale distributed\n  systems"
    assert mention.evidence.quote == document[mention.evidence.start:mention.evidence.end]
    assert mention.evidence.quote == ("Rebuilt the settlement service as large-scale distributed\n"
                                      "  systems over Apache Kafka.")
    assert "apache-kafka" in found
    assert not {"latency-optimization", "machine-learning"} & set(found)


def test_job_posting_required_and_preferred(extract_text):
    text = ("Senior Data Engineer\n\nAt Northwind Robotics, we build robots.\n\nResponsibilities\n"
            "- Build pipelines with Apache Kafka.\n\nMinimum qualifications\n- 5 years of experience with Python.\n\n"
            "Preferred qualifications\n- Experience with Kubernetes and Python.\n")
    extraction = extract_text(text, kind="job_posting")
    job = extraction.job
    labels = {m.concept.id: m.concept.label for m in extraction.skills}
    assert {labels[c] for c in job.required} == {"Apache Kafka", "Python"}
    assert {labels[c] for c in job.preferred} == {"Kubernetes"}
    assert job.title == "Senior Data Engineer" and not job.title_inferred
    assert job.hiring_organization == "Northwind Robotics"


def test_job_title_inferred_when_unstated(extract_text):
    job = extract_text("About the job\nAcme's ML group is seeking software engineers to join.\n"
                       "Responsibilities\n- Write Go.\n", kind="job_posting").job
    assert (job.title, job.title_inferred) == ("Software Engineer", True)


@pytest.mark.parametrize("text, kind", [
    ("About the job\nWe are seeking engineers.\nResponsibilities\n- Build.\nMinimum qualifications\n- BS.\n",
     "job_posting"),
    ("Ada Lovelace\nada@example.com\nExperience\nEngineer, Acme 2019 - 2021\nEducation\nBS, MIT\n", "resume"),
])
def test_guess_kind(text, kind):
    from kg.documents import guess_kind
    assert guess_kind(text) == kind


@pytest.mark.parametrize("cue", [
    "About the Role", "Job description", "Key responsibilities", "What you’ll do", "Basic qualifications",
    "Requirements", "Nice to have", "What we're looking for", "Who you are", "Benefits", "We are hiring",
    "Acme is seeking", "You will", "Join our team", "Equal Opportunity employer", "The ideal candidate",
    "REQU\u0130REMENTS", "we are \u017feeking"])
def test_posting_words_cover_posting_cues(cue):
    """guess_kind skips the posting cues' search when none of _POSTING_WORDS occurs: each cue (one
    per branch of _POSTING_CUES, and letters only IGNORECASE equates with ASCII) must still count."""
    from kg.documents import _POSTING_CUES, _POSTING_WORDS, _may_match
    assert _POSTING_CUES.findall(cue) and _may_match(cue, _POSTING_WORDS)


def test_extraction_contract(seed_paths, nlp):
    """`kg extract` JSON has exactly the documented keys and types, on every seed."""
    from kg.documents import read_document
    from kg.extract import extract
    for path in seed_paths:
        data = extract(read_document(path), nlp).to_json()
        assert set(data) == {"source", "kind", "person", "positions", "education", "skills", "job"}
        assert data["kind"] in ("resume", "job_posting")
        if data["person"] is not None:
            assert set(data["person"]) == {"name", "name_inferred", "emails", "phones", "urls", "location"}
        for p in data["positions"]:
            assert set(p) == {"employer", "title", "team", "start", "end", "location"}
        for e in data["education"]:
            assert set(e) == {"institution", "degree", "field", "end"}
        for s in data["skills"]:
            assert set(s) == {"id", "label", "type", "candidate", "evidence"} and s["type"] in ("skill", "technology")
            for ev in s["evidence"]:
                assert set(ev) == {"quote", "start", "end"}
        if data["job"] is not None:
            assert set(data["job"]) == {"hiring_organization", "title", "required", "preferred"}

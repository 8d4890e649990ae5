"""Readers: PDF, DOCX, HTML and JSON Resume files written from the examples must extract as the
plain text does; every bad file gets its one-line reason. Fixtures are generated in tmp_path."""

import importlib.util
import io
import json
import re
import zipfile
import zlib

import pytest

from kg.documents import DocumentError, read_document
from kg.extract import extract

from .conftest import EXAMPLES, ROOT

spec = importlib.util.spec_from_file_location("formats", ROOT / "benchmarks" / "formats.py")
formats = importlib.util.module_from_spec(spec)
spec.loader.exec_module(formats)
spec = importlib.util.spec_from_file_location("robustness", ROOT / "benchmarks" / "robustness.py")
robustness = importlib.util.module_from_spec(spec)
spec.loader.exec_module(robustness)

# skills named only in a page's script, style, comment or hidden parts (see formats.write_html)
INVISIBLE = ("COBOL", "Haskell", "Erlang", "Perl", "Visual Basic", "Lisp", "Fortran")


def extraction(path, nlp) -> dict:
    return extract(read_document(path), nlp).to_json()


def assert_same_key_fields(written, original, nlp):
    expected, found = extraction(original, nlp), extraction(written, nlp)
    differing = {name: (formats.key_fields(expected)[name], formats.key_fields(found)[name])
                 for name, same in formats.agreement(expected, found).items() if not same}
    assert not differing, differing


@pytest.mark.parametrize("name", ["ada_okafor.md", "tom_becker.txt"])
def test_docx_extracts_as_the_text(tmp_path, nlp, name):
    path = formats.write_docx((EXAMPLES / name).read_text(), tmp_path / "resume.docx", header_blocks=2)
    text = read_document(path).text
    assert text.startswith(formats.to_blocks((EXAMPLES / name).read_text())[0].text)  # the page header
    assert_same_key_fields(path, EXAMPLES / name, nlp)


def test_docx_table_rows_and_lists(tmp_path):
    text = read_document(formats.write_docx((EXAMPLES / "tom_becker.txt").read_text(), tmp_path / "t.docx")).text
    assert "| B.S. Computer Science | Oregon State University | Corvallis, OR | 2012 - 2016 |" in text
    assert "• Led a zero-downtime PostgreSQL partitioning migration of a 4 TB table." in text.splitlines()


@pytest.mark.parametrize("name", ["ada_okafor.md", "tom_becker.txt", "job_data_engineer.md", "lukas_schneider.txt"])
def test_html_extracts_as_the_text(tmp_path, nlp, name):
    path = formats.write_html((EXAMPLES / name).read_text(), tmp_path / "page.html")
    text = read_document(path).text
    assert not [word for word in INVISIBLE if word in text]
    assert_same_key_fields(path, EXAMPLES / name, nlp)


@pytest.mark.parametrize("name, columns", [("ada_okafor.md", 1), ("tom_becker.txt", 1), ("job_inference.txt", 1),
                                           ("nia_johnson.md", 1), ("sofia_alvarez.md", 1),
                                           ("ada_okafor.md", 2), ("mei_tanaka.txt", 2), ("lukas_schneider.txt", 2)])
def test_pdf_extracts_as_the_text(tmp_path, nlp, name, columns):
    """One column, two columns (skills and education in a sidebar), tables (tom_becker), heading levels
    that make entries (nia_johnson, sofia_alvarez) and a table row wrapped in a narrow sidebar (lukas)."""
    path = formats.write_pdf((EXAMPLES / name).read_text(), tmp_path / "resume.pdf", columns=columns)
    assert_same_key_fields(path, EXAMPLES / name, nlp)


def test_pdf_text_is_reflowed_and_tables_keep_rows(tmp_path):
    lines = read_document(formats.write_pdf((EXAMPLES / "tom_becker.txt").read_text(), tmp_path / "t.pdf")).text
    lines = lines.splitlines()
    assert "| B.S. Computer Science | Oregon State University | Corvallis, OR | 2012 - 2016 |" in lines
    assert ("• Led a zero-downtime PostgreSQL partitioning migration of a 4 TB table.") in lines
    assert any(line.startswith("• Built the TypeScript/React views") and line.endswith("3.4 s to 1.2 s.")
               for line in lines)


def test_two_column_pdf_reads_each_column_whole(tmp_path):
    text = read_document(formats.write_pdf((EXAMPLES / "ada_okafor.md").read_text(), tmp_path / "a.pdf",
                                           columns=2)).text
    assert text.index("Education") < text.index("Skills") < text.index("Experience")
    assert "### M.S. in Statistics, The University of Texas at Dallas - Richardson, TX" in text.splitlines()


def test_pdf_headings_keep_their_levels(tmp_path):
    """Font sizes give the levels back: a team-only resume's "### … Team" sub-headings are its entries."""
    text = read_document(formats.write_pdf((EXAMPLES / "nia_johnson.md").read_text(), tmp_path / "n.pdf")).text
    lines = text.splitlines()
    assert lines[0] == "# Nia Johnson"
    assert {"## Teams", "### Home Feed Ranking Team", "## Education"} <= set(lines)
    assert not [line for line in lines if line.startswith("#") and "•" in line]


# --- JSON Resume ---

RESUME = {
    "basics": {"name": "Imani Castellanos", "label": "Platform engineer", "email": "imani.c@example.com",
               "phone": "(555) 014-2290", "url": "https://imani.example.org",
               "location": {"city": "Denver", "region": "CO", "countryCode": "US"},
               "profiles": [{"network": "GitHub", "username": "icastellanos", "url": "https://github.com/icastellanos"},
                            {"network": "LinkedIn", "username": "imani-castellanos"}]},
    "work": [{"name": "Northwind Robotics", "position": "Staff Software Engineer", "location": "Pittsburgh, PA",
              "startDate": "2021-03-01", "highlights": ["Built the training platform on Kubernetes and Ray."]},
             {"name": "Brightwave Energy", "position": "Data Engineer", "startDate": "2017-06",
              "endDate": "2021-02-28", "summary": "Owned the Airflow pipelines.",
              "highlights": ["Modelled the warehouse in Snowflake with dbt."]}],
    "education": [{"institution": "University of Colorado Boulder", "area": "Computer Science",
                   "studyType": "M.S.", "endDate": "2017-05-15"}],
    "skills": [{"name": "Infrastructure", "keywords": ["Terraform", "Docker"]},
               {"name": "Languages", "keywords": ["Python", "Go"]}],
}


@pytest.mark.parametrize("name", ["ada_okafor.md", "rahul_menon.txt", "sofia_alvarez.md"])
def test_json_resume_extracts_as_the_text(tmp_path, nlp, name):
    path = formats.write_json_resume((EXAMPLES / name).read_text(), tmp_path / "resume.json")
    assert_same_key_fields(path, EXAMPLES / name, nlp)


def test_json_resume_lands_in_the_extraction(tmp_path, nlp):
    path = tmp_path / "imani.json"
    path.write_text(json.dumps(RESUME))
    found = extraction(path, nlp)
    person = found["person"]
    assert found["kind"] == "resume"
    assert (person["name"], person["name_inferred"]) == ("Imani Castellanos", False)
    assert person["emails"] == ["imani.c@example.com"]
    assert [p.replace(" ", "") for p in person["phones"]] == ["(555)014-2290"]
    assert {"imani.example.org", "github.com/icastellanos", "linkedin.com/in/imani-castellanos"} <= {
        u.removeprefix("https://").rstrip("/") for u in person["urls"]}
    assert "Denver" in person["location"]
    assert [(p["employer"], p["title"], p["start"], p["end"]) for p in found["positions"]] == [
        ("Northwind Robotics", "Staff Software Engineer", "2021-03", "present"),
        ("Brightwave Energy", "Data Engineer", "2017-06", "2021-02")]
    assert "Pittsburgh" in found["positions"][0]["location"]
    assert [(e["institution"], e["degree"], e["field"], e["end"]) for e in found["education"]] == [
        ("University of Colorado Boulder", "M.S.", "Computer Science", "2017")]
    skills = {s["id"] for s in found["skills"]}
    assert {"kubernetes", "ray", "apache-airflow", "snowflake", "dbt", "terraform", "docker", "python", "go"} <= skills


def test_json_resume_jobs_told_apart_only_by_team_stay_apart(tmp_path, nlp):
    """JSON Resume has no team: nia_johnson's four Pinterest teams are four jobs alike in every field."""
    path = formats.write_json_resume((EXAMPLES / "nia_johnson.md").read_text(), tmp_path / "nia.json")
    assert [job["name"] for job in json.loads(path.read_text())["work"]] == ["Pinterest"] * 4
    positions = extraction(path, nlp)["positions"]
    assert [(p["employer"], p["title"]) for p in positions] == [("Pinterest", None)] * 4


def _json_extraction(tmp_path, nlp, resume: dict):
    path = tmp_path / "resume.json"
    path.write_text(json.dumps(resume))
    return extract(read_document(path), nlp)


def test_json_resume_of_the_schema_before_1_0_names_the_employer_company(tmp_path, nlp):
    resume = {"basics": {"name": "Imani Castellanos"},
              "work": [{"company": "Northwind Robotics", "position": "Engineer", "startDate": "2019-01"}]}
    positions = _json_extraction(tmp_path, nlp, resume).positions
    assert [(p.employer, p.title, p.start, p.end) for p in positions] == [
        ("Northwind Robotics", "Engineer", "2019-01", "present")]


def _evidence(found) -> list:
    return ([found.person.evidence] + [p.evidence for p in found.positions] + [e.evidence for e in found.education]
            + [m.evidence for m in found.skills])


def test_json_resume_mentions_quote_the_text_written_from_them(tmp_path, nlp):
    found = _json_extraction(tmp_path, nlp, RESUME)
    text = found.document.text
    assert all(ev is not None and ev.quote and ev.quote == text[ev.start:ev.end] for ev in _evidence(found))
    assert found.person.evidence.quote == "Imani Castellanos"
    assert [p.evidence.quote for p in found.positions] == [
        "Staff Software Engineer, Northwind Robotics - Pittsburgh, PA", "Data Engineer, Brightwave Energy"]
    assert [e.evidence.quote for e in found.education] == ["M.S. in Computer Science, University of Colorado Boulder"]
    assert found.sections == ["experience", "education", "skills"]


def test_json_resume_highlights_credit_their_own_job(tmp_path, nlp):
    """Two jobs alike but for their highlights: each skill goes to the job whose highlight names it."""
    job = {"name": "Northwind Robotics", "position": "Engineer", "startDate": "2020-01"}
    resume = {"basics": {"name": "Imani Castellanos"},
              "work": [{**job, "highlights": ["Ran the cluster on Kubernetes."]},
                       {**job, "summary": "Owned the pipelines.", "highlights": ["Moved the warehouse to Snowflake."]}]}
    found = _json_extraction(tmp_path, nlp, resume)
    assert len(found.positions) == 2
    first, second = found.positions
    assert first.lines[0] < first.lines[1] < second.lines[0] < second.lines[1]
    assert {m.concept.id: found.position_of(m) for m in found.skills} == {"kubernetes": 0, "snowflake": 1}


@pytest.mark.parametrize("resume", [
    {"basics": {"name": 3, "email": ["x"], "phone": {"n": 1}, "location": "Lagos", "profiles": "none"},
     "work": {"name": 3}, "education": [None, 7, {"institution": {"a": 1}}], "skills": "Python"},
    {"basics": None, "work": [None, 7, "job", [], {"name": None, "position": True, "startDate": 2019,
                                                    "endDate": {"y": 2020}, "highlights": [None, 1, ["x"]]}]},
    {"basics": {"name": "Ada \x00Okafor\u202e", "location": {"city": ["x"], "region": 4.5}},
     "work": [{"name": "Acme\nRobotics", "position": "Engineer\r\n", "startDate": "2019-13-40",
               "endDate": "soon", "highlights": "Kubernetes"}, {"highlights": ["Built it in Go."]}],
     "education": [{"studyType": False, "area": None, "endDate": "2013-06"}, {"institution": "MIT", "endDate": []}]},
])
def test_json_resume_fields_of_the_wrong_type_are_left_out(tmp_path, nlp, resume):
    found = _json_extraction(tmp_path, nlp, resume)
    text = found.document.text
    assert all(ev.quote == text[ev.start:ev.end] for ev in _evidence(found) if ev is not None)
    for mention in [found.person, *found.positions, *found.education]:
        assert all(value is None or isinstance(value, (str, bool, list)) for value in mention.to_json().values())


def test_json_resume_wrong_types_keep_what_is_right(tmp_path, nlp):
    found = _json_extraction(tmp_path, nlp, {
        "basics": {"name": "Ada \x00Okafor\u202e", "email": ["x"]},
        "work": [{"name": "Acme\nRobotics", "position": True, "startDate": 2019, "endDate": "soon"},
                 {"highlights": ["Built it in Go."]}],
        "education": [{"studyType": False, "institution": "MIT", "endDate": []}]})
    assert (found.person.name, found.person.emails) == ("Ada Okafor", [])
    assert [p.to_json() for p in found.positions] == [{"employer": "Acme Robotics", "title": None, "team": None,
                                                      "start": "2019", "end": "present", "location": None}]
    assert [e.to_json() for e in found.education] == [{"institution": "MIT", "degree": None, "field": None,
                                                      "end": None}]


@pytest.mark.parametrize("content, reason", [
    ('{"basics": {"name": "A"', "invalid JSON: "),
    ('{"name": "A", "version": "1.0"}', "not a JSON Resume (no basics/work)"),
    ("[1, 2]", "not a JSON Resume (no basics/work)"),
])
def test_json_that_is_not_a_resume(tmp_path, content, reason):
    path = tmp_path / "x.json"
    path.write_text(content)
    with pytest.raises(DocumentError, match="^" + re.escape(reason)):
        read_document(path)


# --- bad PDFs ---

def _pdf_bytes(tmp_path, **canvas_options) -> bytes:
    from reportlab.pdfgen.canvas import Canvas
    canvas = Canvas(str(tmp_path / "c.pdf"), **canvas_options)
    canvas.drawString(72, 720, "Ada Okafor, machine learning engineer")
    canvas.showPage()
    canvas.drawString(72, 720, "Page two")
    canvas.save()
    return (tmp_path / "c.pdf").read_bytes()


def _raw_pdf(content: bytes, filters: str = "/FlateDecode") -> bytes:
    """A one-page PDF around a given content stream, written by hand (for hostile streams)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
               b"<< /Length %d /Filter %s >>\nstream\n" % (len(content), filters.encode()) + content + b"\nendstream"]
    return robustness.raw_pdf(objects)


def _fails(path, data: bytes, reason: str):
    path.write_bytes(data)
    with pytest.raises(DocumentError, match=reason) as error:
        read_document(path)
    assert "\n" not in str(error.value)


def test_encrypted_pdf(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption
    data = _pdf_bytes(tmp_path, encrypt=StandardEncryption("secret", canPrint=0))
    _fails(tmp_path / "locked.pdf", data, r"^encrypted PDF")


def test_pdf_with_only_an_owner_password_is_read(tmp_path):
    """Viewers open it without asking; so do we."""
    from reportlab.lib.pdfencrypt import StandardEncryption
    path = tmp_path / "owner.pdf"
    path.write_bytes(_pdf_bytes(tmp_path, encrypt=StandardEncryption("", ownerPassword="owner", canCopy=0)))
    assert "Ada Okafor" in read_document(path).text


def test_truncated_pdf(tmp_path):
    data = _pdf_bytes(tmp_path)
    _fails(tmp_path / "cut.pdf", data[: len(data) // 3], r"^(broken PDF: |no text layer)")


def test_png_renamed_pdf(tmp_path):
    _fails(tmp_path / "scan.pdf", b"\x89PNG\r\n\x1a\n" + bytes(200), r"^not a PDF \(it looks like a PNG image\)$")


def test_scanned_pdf_without_text_layer(tmp_path):
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas
    image = Image.new("RGB", (600, 200), "white")
    ImageDraw.Draw(image).text((20, 80), "Ada Okafor - Experience - Netflix", fill="black")
    canvas = Canvas(str(tmp_path / "scan.pdf"))
    canvas.drawImage(ImageReader(image), 50, 500, width=500, height=160)
    canvas.save()
    _fails(tmp_path / "scan.pdf", (tmp_path / "scan.pdf").read_bytes(),
           r"^no text layer: is it a scanned image\? \(OCR is not supported\)$")


def test_pdf_decompression_bomb(tmp_path):
    bomb = zlib.compress(b"BT /F1 12 Tf (x) Tj ET\n" + b" " * 40_000_000, 9)
    assert len(bomb) < 100_000
    _fails(tmp_path / "bomb.pdf", _raw_pdf(bomb), r"^broken PDF: a stream inflates past the limit")


def test_pdf_page_limit(tmp_path, monkeypatch):
    from kg import readers
    monkeypatch.setattr(readers, "MAX_PAGES", 1)
    _fails(tmp_path / "long.pdf", _pdf_bytes(tmp_path), r"^too many pages: 2 \(limit 1\)$")


# --- bad DOCX ---

def test_docx_that_is_not_a_zip(tmp_path):
    _fails(tmp_path / "cv.docx", b"Ada Okafor\nExperience\n", r"^not a DOCX file \(not a zip archive")


def test_zip_that_is_not_a_docx(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    _fails(tmp_path / "cv.docx", buffer.getvalue(), r"^not a DOCX file \(no document.xml")


def test_docx_zip_bomb(tmp_path):
    document = formats.write_docx("Ada Okafor\n\nEXPERIENCE\nEngineer, Acme", tmp_path / "small.docx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(document) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * 80_000_000)
            bomb.writestr(entry.filename, data)
    assert len(buffer.getvalue()) < 1_000_000
    _fails(tmp_path / "bomb.docx", buffer.getvalue(), r"^broken DOCX: inflates to [\d,]+ bytes .*zip bomb")


def _with_document_xml(tmp_path, change) -> bytes:
    """A generated DOCX whose word/document.xml is changed by `change(xml) -> xml`."""
    document = formats.write_docx("Ada Okafor\n\nEXPERIENCE\nEngineer, Acme Robotics", tmp_path / "base.docx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(document) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            target.writestr(entry.filename, change(data) if entry.filename == "word/document.xml" else data)
    return buffer.getvalue()


def test_docx_external_entity_is_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-4711")

    def attack(xml: bytes) -> bytes:
        head, _, body = xml.partition(b"?>")
        doctype = b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://%s"> <!ENTITY host SYSTEM ' \
                  b'"file:///etc/hostname">]>' % str(secret).encode()
        body = body.replace(b"Engineer, Acme Robotics", b"Engineer &xxe; &host;, Acme Robotics")
        return head + b"?>" + doctype + body

    path = tmp_path / "xxe.docx"
    path.write_bytes(_with_document_xml(tmp_path, attack))
    text = read_document(path).text
    assert "Acme Robotics" in text and "TOPSECRET" not in text
    hostname = open("/etc/hostname").read().strip() if __import__("os").path.exists("/etc/hostname") else ""
    assert not hostname or hostname not in text.replace("Ada Okafor", "")


def test_docx_text_boxes_are_read_once(tmp_path):
    box = (b'<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
           b'<mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>SKILLS: Kubernetes, Terraform</w:t>'
           b'</w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r>'
           b'<w:t>SKILLS: Kubernetes, Terraform</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>'
           b'</mc:AlternateContent></w:r></w:p>')
    path = tmp_path / "boxes.docx"
    path.write_bytes(_with_document_xml(tmp_path, lambda xml: xml.replace(b"<w:sectPr", box + b"<w:sectPr", 1)))
    assert read_document(path).text.count("SKILLS: Kubernetes, Terraform") == 1


# --- HTML ---

def test_html_hides_what_a_reader_does_not_see(tmp_path):
    page = ('<html><head><title>T</title><style>p {color: red}</style></head><body>'
            '<template><p>Template text</p></template><noscript>Enable JavaScript</noscript>'
            '<p aria-hidden="true">Aria hidden</p><p style="display: none">Display none</p>'
            '<!-- a comment --><h2>Skills</h2><ul><li>Python</li><li>Go <b>and</b> Rust</li></ul>'
            '<table><tr><th>Degree</th><th>School</th></tr><tr><td>B.S.</td><td>MIT</td></tr></table>'
            '<script>document.write("Script text")</script></body></html>')
    path = tmp_path / "p.html"
    path.write_text(page)
    assert read_document(path).text == "## Skills\n• Python\n• Go and Rust\n| Degree | School |\n| B.S. | MIT |"


@pytest.mark.parametrize("data", [
    '<meta charset="windows-1252"><p>Caf\xe9 M\xfcller</p>'.encode("cp1252"),
    "\ufeff<p>Café Müller</p>".encode("utf-8"),
    "<p>Café Müller</p>".encode("utf-8"),
])
def test_html_encodings(tmp_path, data):
    path = tmp_path / "e.html"
    path.write_bytes(data)
    assert read_document(path).text == "Café Müller"


# --- repairs ---

def test_repairs_of_converted_text():
    from kg.documents import repair_conversion
    table = "| Dates | Employer |\n| 2019 - 2021 | Monzo |\n| 2016 - 2019 | Ocado |"
    text = f"GRACE\nﬁne-tuning and distri-\nbuted training\n{table}\n\nPage 2\n{table}\n\uf0b7 Python"
    assert repair_conversion(text) == f"GRACE\nfine-tuning and distributed training\n{table}\n\nPage 2\n• Python"

"""A plain `pip install .` (a wheel, not editable) carries queries/ and ontology/ inside the package."""

import subprocess
import sys
import zipfile

from .conftest import ROOT


def test_wheel_carries_data_and_the_installed_package_finds_it(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path), str(ROOT)], check=True, timeout=300, capture_output=True)
    [wheel] = tmp_path.glob("kg_career-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("kg/data/ontology/kg.ttl", "kg/data/ontology/shapes.ttl", "kg/data/ontology/skills.ttl",
                   "kg/data/ontology/organizations.ttl", "kg/data/places.tsv", "kg/data/surnames.txt"):
        assert needed in names, needed
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, timeout=300, capture_output=True)
    code = ("import kg, kg.taxonomy, kg.organizations\n"
            "assert kg.__file__.startswith(%r), kg.__file__\n"
            "print(len(kg.taxonomy.load_taxonomy()), kg.organizations.known_org('AWS').name)\n" % str(target))
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env,
                         cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    count, aws = out.stdout.split(maxsplit=1)
    assert int(count) >= 600 and aws.strip() == "Amazon Web Services"

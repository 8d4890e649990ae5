# The two commands of the README: `make demo` and `make test`. Each sets up .venv when needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO   := demo

.PHONY: install demo test clean

$(STAMP): setup.cfg pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -rf $(DEMO) && mkdir -p $(DEMO)
	$(BIN)/kg --store $(DEMO)/kg-store build examples
	$(BIN)/kg --store $(DEMO)/kg-store stats
	$(BIN)/kg --store $(DEMO)/kg-store who-knows Kafka Spark
	$(BIN)/kg --store $(DEMO)/kg-store who-knows 'deep learning frameworks'
	$(BIN)/kg --store $(DEMO)/kg-store export-rdf --format trig -o $(DEMO)/graph.trig
	$(BIN)/kg --store $(DEMO)/kg-store export gephi -o $(DEMO)/graph.gexf
	@echo "demo: graph in $(DEMO)/kg-store, RDF in $(DEMO)/graph.trig, Gephi file $(DEMO)/graph.gexf"

test: $(STAMP)
	$(BIN)/python -m pytest -n auto  # one test process per core (pytest-xdist)

clean:
	rm -rf $(VENV) $(DEMO) kg-store *.egg-info .pytest_cache

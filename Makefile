# The two commands of the README: `make demo` and `make test`. Each creates .venv on its own.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint typecheck docs pytest bench clean

# Runtime install (what an integrator gets), then the demos.
$(BIN)/.motcua-runtime: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# Development install: everything `make test` and the benchmarks need.
$(BIN)/.motcua-dev: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(BIN)/.motcua-runtime $@

demo: $(BIN)/.motcua-runtime
	$(BIN)/python examples/calendar_week.py
	@echo
	$(BIN)/python examples/find_procedure.py
	@echo
	$(BIN)/python examples/dossier_life.py
	@echo
	$(BIN)/python examples/slips.py
	@echo
	$(BIN)/python examples/commune_day.py

lint: $(BIN)/.motcua-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(BIN)/.motcua-dev
	$(BIN)/mypy

# The documentation site (mkdocs.yml): docs/*.md and the API reference from the docstrings,
# into build/site (git-ignored). --strict turns every broken link or reference into a failure.
# NO_MKDOCS_2_WARNING silences Material's end-of-life banner, which is not a build warning.
docs: $(BIN)/.motcua-dev
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

pytest: $(BIN)/.motcua-dev
	$(BIN)/coverage run -m pytest
	$(BIN)/coverage report

test: lint typecheck docs pytest

bench: $(BIN)/.motcua-dev
	$(BIN)/python benchmarks/bench_startup.py
	$(BIN)/python benchmarks/bench_calendar.py
	$(BIN)/python benchmarks/bench_search.py
	$(BIN)/python benchmarks/bench_dossiers.py
	$(BIN)/python benchmarks/bench_reports.py
	$(BIN)/python benchmarks/bench_store.py
	$(BIN)/python benchmarks/bench_service.py
	$(BIN)/python benchmarks/bench_audit.py
	$(BIN)/python benchmarks/bench_slips.py

clean:
	rm -rf $(VENV) .coverage .mypy_cache .pytest_cache .ruff_cache out build/site

# Default target: tests and lint.
PY ?= .venv/bin/python

.PHONY: all install test lint fmt eval bench docs demo
all: test lint

install:
	python3 -m venv .venv && .venv/bin/pip install -e '.[dev]'

test:
	$(PY) -m pytest

lint:
	$(PY) -m ruff check skyledger tests bench setup.py
	$(PY) -m ruff format --check skyledger tests bench setup.py
	$(PY) -m mypy skyledger

fmt:
	$(PY) -m ruff format skyledger tests bench setup.py
	$(PY) -m ruff check --fix skyledger tests bench setup.py

eval:
	.venv/bin/skyledger eval ../shared/corpus/airforce.dev.jsonl ../shared/corpus/airforce.dev.gold.jsonl
	.venv/bin/skyledger eval ../shared/corpus/news.dev.jsonl ../shared/corpus/news.dev.gold.jsonl

bench:
	$(PY) bench/extract_speed.py
	$(PY) bench/extract_news_speed.py
	$(PY) bench/variants.py
	$(PY) bench/cli_startup.py

docs:
	$(PY) scripts/cli_reference.py

demo:
	.venv/bin/skyledger demo

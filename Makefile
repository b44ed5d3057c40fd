# Every target is idempotent and installs what it needs; `make demo` and `make test` are all a
# fresh machine needs.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export CHECKPOINT_DISABLE := 1
# A TF_CLI_CONFIG_FILE that points nowhere only makes Terraform warn on every command.
export TF_CLI_CONFIG_FILE := $(if $(wildcard $(TF_CLI_CONFIG_FILE)),$(TF_CLI_CONFIG_FILE),)

PYTHON ?= python3
VENV := .venv
CHECKOV_VENV := .venv-checkov
BIN := $(VENV)/bin
INFRA := $(BIN)/infra
ENV ?= local
LAYER_ARGS ?= --all
PYTEST_ARGS ?=

.PHONY: help install system-deps demo demo-check test lint fmt validate scan package plan apply destroy ci

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[webapp,lambda,dev]'
	touch $@

# checkov pins an old boto3, so it lives in a virtual environment of its own.
$(CHECKOV_VENV)/.installed: requirements-checkov.txt
	$(PYTHON) -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/pip install --quiet -r requirements-checkov.txt
	touch $@

system-deps: ## Debian packages used by the tests (Chromium, shellcheck, Graphviz, PostgreSQL)
	@scripts/system-deps.sh

install: system-deps $(VENV)/.installed $(CHECKOV_VENV)/.installed ## Install everything into .venv and .venv-checkov

test: install ## Run the whole test suite (starts its own PostgreSQL and moto server unless CI provides them)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install ## ruff, terraform fmt -check, shellcheck
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	terraform fmt -check -recursive terraform modules
	shellcheck scripts/*.sh .ci/run

fmt: install ## Format Python and Terraform
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	terraform fmt -recursive terraform modules

validate: install ## terraform validate every root and module with the real provider
	$(BIN)/python scripts/validate.py

scan: install ## checkov over terraform/ and modules/ (JUnit XML and SARIF under build/scan)
	$(INFRA) scan

package: install ## Build the backup zip and the web app bundle under build/artifacts
	$(INFRA) package

plan: install ## infra plan $(ENV) $(LAYER_ARGS)
	$(INFRA) plan $(ENV) $(LAYER_ARGS)

apply: install ## infra apply $(ENV) $(LAYER_ARGS) (asks unless AUTO_APPROVE=1)
	$(INFRA) apply $(ENV) $(LAYER_ARGS) $(if $(AUTO_APPROVE),--auto-approve)

destroy: install ## infra destroy $(ENV) $(LAYER_ARGS) (asks unless AUTO_APPROVE=1)
	$(INFRA) destroy $(ENV) $(LAYER_ARGS) $(if $(AUTO_APPROVE),--auto-approve)

demo: install ## Run the whole product on the embedded emulator (Ctrl-C stops it)
	$(INFRA) demo

demo-check: install ## The demo, verified once (upload round trip included), then stopped; exits 0 or 1
	$(INFRA) demo --check

ci: lint validate scan test demo-check ## What CI runs

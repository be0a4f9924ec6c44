# Two commands from a fresh clone: `make run` and `make test`.
# Both create .venv themselves; nothing else needs installing by hand but
# PortAudio for a real microphone (see README).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARGS ?=

.PHONY: run install lock test test-fast lint bench clean system-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Dependencies come from hash-locked sets (scripts/lock.py writes them; `make lock`
# after changing pyproject.toml): every file pip downloads is checked against its
# SHA-256, and coach itself is installed without build isolation, so nothing is
# fetched unchecked. make run installs only what the app needs; make test adds the
# test tools.
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
PIP_LOCKED := $(BIN)/python -m pip install --quiet --require-hashes --no-deps -r
PIP_SELF := $(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .

$(RUN_STAMP): requirements/run.lock pyproject.toml | $(BIN)/python
	$(PIP_LOCKED) requirements/run.lock
	$(PIP_SELF)
	touch $@

$(DEV_STAMP): requirements/dev.lock pyproject.toml | $(BIN)/python
	$(PIP_LOCKED) requirements/dev.lock
	$(PIP_SELF)
	touch $@ $(RUN_STAMP)

$(STAMP): $(DEV_STAMP)
	touch $@

## make run: set up (runtime dependencies only), then open coach on its bundled model
run: $(RUN_STAMP)
	@echo "coach is in $(CURDIR)/$(BIN)/coach: \`make install\` puts it on your PATH"
	$(BIN)/coach $(ARGS)

## make install: put `coach` on PATH (a link in ~/.local/bin to this checkout's venv)
install: $(RUN_STAMP)
	@scripts/install-link.sh "$(CURDIR)/$(BIN)/coach"

## make lock: re-resolve the hash-locked dependency sets after changing pyproject.toml
lock: | $(BIN)/python
	$(BIN)/python scripts/lock.py

## make test-fast: the quick loop (no Whisper model, no snapshots): core and screens
test-fast: $(DEV_STAMP)
	$(BIN)/python -m pytest -q -m "not model and not slow" $(ARGS)

## make test: set up (including test tools from apt where allowed), lint, type-check, test
test: $(DEV_STAMP) system-deps
	$(BIN)/ruff check coach tests benchmarks scripts
	$(BIN)/ruff format --check coach tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest $(ARGS)

system-deps:
	@scripts/system-deps.sh

lint: $(DEV_STAMP)
	$(BIN)/ruff check coach tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

## make bench: the benchmarks (figures as JSON); the 100-s answer is made with espeak-ng
BENCH_AUDIO := tests/.generated/answer_100s.wav
$(BENCH_AUDIO):
	mkdir -p tests/.generated
	espeak-ng -v en-gb-x-rp -s 185 -g 2 -f tests/data/answer_2min.txt -w $@.raw.wav
	sox -D $@.raw.wav -r 16000 -c 1 -b 16 $@ && rm $@.raw.wav

BENCH_2MIN := tests/.generated/answer_120s.wav
$(BENCH_2MIN):
	mkdir -p tests/.generated
	espeak-ng -v en-gb-x-rp -s 155 -g 2 -f tests/data/answer_2min.txt -w $@.raw.wav
	sox -D $@.raw.wav -r 16000 -c 1 -b 16 $@ && rm $@.raw.wav

# Held-back answers: never used in tests or tuning, only measured here.
HELD_BACK := tests/.generated/held_back_1.wav tests/.generated/held_back_2.wav
tests/.generated/held_back_1.wav: benchmarks/data/held_back_1.txt
	mkdir -p tests/.generated
	espeak-ng -v en-us -s 175 -f $< -w $@.raw.wav
	sox -D $@.raw.wav -r 16000 -c 1 -b 16 $@ && rm $@.raw.wav
tests/.generated/held_back_2.wav: benchmarks/data/held_back_2.txt
	mkdir -p tests/.generated
	espeak-ng -v en-gb -s 195 -f $< -w $@.raw.wav
	sox -D $@.raw.wav -r 16000 -c 1 -b 16 $@ && rm $@.raw.wav

bench: $(DEV_STAMP) system-deps $(BENCH_AUDIO) $(BENCH_2MIN) $(HELD_BACK)
	$(BIN)/python benchmarks/latency.py --audio $(BENCH_AUDIO) --model base \
		--reference tests/data/answer_2min.txt
	for n in 1 2; do for stop in end mid; do \
		$(BIN)/python benchmarks/latency.py --audio tests/.generated/held_back_$$n.wav \
			--model base --stop $$stop --reference benchmarks/data/held_back_$$n.txt; \
	done; done
	$(BIN)/python benchmarks/streaming_wer.py --rates 140,165,185,200 | tail -n 1
	$(BIN)/python benchmarks/ui_responsiveness.py --audio $(BENCH_2MIN) --model base
	$(BIN)/python benchmarks/history_scale.py --answers 10000
	$(BIN)/python benchmarks/long_answer_memory.py --audio $(BENCH_2MIN) --model base
	$(BIN)/python benchmarks/star_eval.py | tail -n 1
	$(BIN)/python benchmarks/star_eval.py --folds 5 | tail -n 1
	$(BIN)/python benchmarks/star_eval.py --heldout | tail -n 1
	$(BIN)/python benchmarks/areas_eval.py | tail -n 1
	$(BIN)/python benchmarks/fillers_eval.py
	$(BIN)/python benchmarks/fillers_eval.py --heldout
	$(BIN)/python benchmarks/delivery.py | tail -n 1
	$(BIN)/python benchmarks/analysis_speed.py
	$(BIN)/python benchmarks/pack_load.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache tests/.generated

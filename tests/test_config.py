"""The one configuration: every option documented, read from each source in the documented
order, validated with coded errors, and honoured by the code that uses it."""

from __future__ import annotations

import re
from dataclasses import fields, replace
from types import SimpleNamespace

import pytest
from support import ROOT, shared_resources

from dateline import cli, merge, pipeline
from dateline.annotate import annotate_many
from dateline.clean import clean
from dateline.config import CHOICES, CONFIG_ENV, KEYS, RANGES, Config, env_name, load_config
from dateline.errors import DatelineError
from dateline.read.text import read_text
from dateline.resources import Resources

DOC = (ROOT / "docs" / "config.md").read_text(encoding="utf-8")
# a value other than the default for each option, as text (environment, --set) and as TOML
OTHER = {
    "spacy_model": ("other_model", '"other_model"', "other_model"),
    "actors": ("a.yaml", '["a.yaml"]', ("a.yaml",)),
    "cache": ("/tmp/elsewhere", '"/tmp/elsewhere"', "/tmp/elsewhere"),
    "workers": ("3", "3", 3),
    "engine": ("dask", '"dask"', "dask"),
    "scheduler": ("tcp://10.0.0.5:8786", '"tcp://10.0.0.5:8786"', "tcp://10.0.0.5:8786"),
    "chunk_size": ("5", "5", 5),
    "shard_size": ("7", "7", 7),
    "spacy_batch_size": ("9", "9", 9),
    "embed_threads": ("2", "2", 2),
    "embed_precision": ("float32", '"float32"', "float32"),
    "anaphor_reach": ("1", "1", 1),
    "background_after_days": ("30", "30", 30),
    "out_of_scope_min_probability": ("0.75", "0.75", 0.75),
    "refine_min_probability": ("0.8", "0.8", 0.8),
    "typing_skip_below": ("0.2", "0.2", 0.2),
    "scope": ("all", '"all"', "all"),
    "relevance_gate": ("false", "false", False),
    "relevance_threshold": ("0.3", "0.3", 0.3),
    "max_article_chars": ("9000", "9000", 9000),
    "max_paragraph_chars": ("3000", "3000", 3000),
    "article_timeout_s": ("2.5", "2.5", 2.5),
    "max_fatalities": ("5000", "5000", 5000),
    "earliest_event_year": ("1950", "1950", 1950),
    "latest_event_year": ("2050", "2050", 2050),
    "db_timeout": ("2.5", "2.5", 2.5),
    "copy_shingle_words": ("3", "3", 3),
    "copy_num_perm": ("64", "64", 64),
    "copy_threshold": ("0.9", "0.9", 0.9),
    "across_date_slack_days": ("2", "2", 2),
    "across_revision_days": ("5", "5", 5),
    "across_window_days": ("10", "10", 10),
    "across_max_candidates": ("50", "50", 50),
    "across_same_km": ("5.5", "5.5", 5.5),
    "across_actor_similarity": ("0.9", "0.9", 0.9),
    "across_copy_similarity": ("0.8", "0.8", 0.8),
    "across_match": ("rules", '"rules"', "rules"),
    "basemap_tiles": (
        "https://t.example.org/{z}/{x}/{y}.png",
        '"https://t.example.org/{z}/{x}/{y}.png"',
        "https://t.example.org/{z}/{x}/{y}.png",
    ),  # fmt: skip
}


def test_every_option_is_documented_with_its_variable_and_tested_here():
    rows = {m.group(1): m.group(0) for m in re.finditer(r"^\| `([a-z_]+)` \|.*$", DOC, re.M)}
    missing = [k for k in KEYS if k not in rows or f"`{env_name(k)}`" not in rows[k]]
    assert not missing, f"undocumented in docs/config.md: {missing}"
    assert not set(rows) - set(KEYS), f"documented but not options: {set(rows) - set(KEYS)}"
    assert set(OTHER) == set(KEYS)  # a new option needs its case below
    for key in KEYS:  # the documented default is the real one
        default = getattr(Config(), key)
        shown = {(): "`[]`", "": '`""`'}.get(default, f"`{default}`")
        shown = f"`{str(default).lower()}`" if isinstance(default, bool) else shown  # TOML's spelling
        shown = "`~/.cache/dateline`" if key == "cache" else shown
        assert shown in rows[key], (key, shown)


@pytest.mark.parametrize("key", KEYS)
def test_each_option_reaches_the_config_from_file_environment_and_flag(key, tmp_path):
    text, toml, value = OTHER[key]
    assert getattr(Config(), key) != value
    path = tmp_path / "dateline.toml"
    path.write_text(f"{key} = {toml}\n")
    from_file = getattr(load_config(path, environ={}), key)
    assert from_file == (tuple(str(tmp_path / p) for p in value) if key == "actors" else value)
    assert getattr(load_config(environ={env_name(key): text}), key) == value
    assert getattr(load_config(environ={}, overrides={key: text}), key) == value
    assert getattr(load_config(environ={CONFIG_ENV: str(path)}), key) == from_file


def test_precedence_defaults_file_environment_flags(tmp_path):
    path = tmp_path / "dateline.toml"
    path.write_text("workers = 2\nchunk_size = 4\nanaphor_reach = 5\n")
    env = {"DATELINE_CHUNK_SIZE": "6", "DATELINE_ANAPHOR_REACH": "7", "DATELINE_WORKERS": ""}
    config = load_config(path, {"anaphor_reach": "8"}, env)
    assert (config.workers, config.chunk_size, config.anaphor_reach, config.shard_size) == (2, 6, 8, 16)
    args = cli.build_parser().parse_args(
        ["--config", str(path), "extract", "x", "--set", "chunk_size=9", "--workers", "3"]
    )
    assert (cli.config_of(args).chunk_size, cli.config_of(args).workers) == (9, 3)


@pytest.mark.parametrize(
    ("toml", "code"),
    [
        ("workers = 0", "E052"),
        ("workers = 1.5", "E052"),
        ("workers = true", "E052"),
        ("out_of_scope_min_probability = 1.5", "E052"),
        ("actors = [1]", "E052"),
        ("spacy_model = ''", "E052"),
        ("cache = 3", "E052"),
        ("scope = 'crime'", "E052"),
        ("no_such_option = 1", "E051"),
        ("workers = ", "E050"),
    ],
)
def test_bad_files_have_coded_errors(toml, code, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(toml + "\n")
    with pytest.raises(DatelineError) as err:
        load_config(path, environ={})
    assert err.value.code == code and str(path) in err.value.message


def test_bad_environment_flags_and_missing_file_have_coded_errors(tmp_path, capsys):
    for environ, code in [({"DATELINE_WORKERS": "many"}, "E052"), ({"DATELINE_ANAPHOR_REACH": "-1"}, "E052")]:
        with pytest.raises(DatelineError) as err:
            load_config(environ=environ)
        assert err.value.code == code and next(iter(environ)) in err.value.message
    with pytest.raises(DatelineError) as err:
        load_config(tmp_path / "none.toml", environ={})
    assert err.value.code == "E050"
    assert cli.main(["extract", "x", "--set", "bogus=1"]) == 2
    assert "[E051]" in capsys.readouterr().err
    assert cli.main(["--set", "workers=0", "extract", "x"]) == 2
    assert "[E052]" in capsys.readouterr().err


def test_every_choice_is_documented():
    """Each allowed value of an option with choices (``scope``) is named in its row."""
    for key, choices in CHOICES.items():
        row = re.search(rf"^\| `{key}` \|.*$", DOC, re.M)
        assert row and all(f"`{c}`" in row.group(0) for c in choices), key


def test_ranges_cover_every_number():
    numeric = {
        f.name
        for f in fields(Config)
        if isinstance(getattr(Config(), f.name), int | float)
        and not isinstance(getattr(Config(), f.name), bool)
    }
    assert numeric == set(RANGES)


# ---------------------------------------------------------------- each option is honoured


def _reconfigured(**changes) -> Resources:
    """A Resources of another config that reuses the suite's loaded models (only for options
    that do not change the models)."""
    shared = shared_resources()
    resources = Resources(replace(shared.config, **changes))
    resources._memo = shared._memo
    return resources


def test_spacy_model_is_the_one_loaded():
    with pytest.raises(DatelineError) as err:
        _ = Resources(Config(spacy_model="no_such_model_package")).nlp
    assert err.value.code == "E010" and "no_such_model_package" in err.value.message


def test_actors_files_join_the_knowledge_base(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("- name: Sample Valley Militia\n  aliases: [SVM]\n  kind: organisation\n  inter: 3\n")
    kb = Resources(load_config(overrides={"actors": str(extra)}, environ={})).kb
    assert kb.lookup("SVM").inter == 3
    assert Resources(Config()).kb.lookup("SVM") is None


def test_cache_is_where_the_gazetteer_lives(tmp_path, monkeypatch):
    from dateline.lookup import gazetteer

    opened = []
    monkeypatch.setattr(gazetteer, "open_gazetteer", lambda folder: opened.append(folder) or "gaz")
    assert Resources(Config(cache=str(tmp_path))).gazetteer == "gaz" and opened == [tmp_path]


def test_workers_and_shard_size_drive_the_pool(monkeypatch, capsys):
    """Each worker is started with the config alone and builds its own Resources from it."""
    import concurrent.futures

    started, shards = [], []

    class FakePool:  # runs the pool's work in this process
        def __init__(self, max_workers, initializer, initargs):
            started.append((max_workers, initargs))
            initializer(*initargs)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def submit(self, fn, shard):
            shards.append(len(shard))
            future = concurrent.futures.Future()
            future.set_result([pipeline.Result(a, [], []) for a in shard])
            return future

        def shutdown(self, wait=True, cancel_futures=False):
            pass

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", FakePool)
    monkeypatch.setenv("DATELINE_WORKERS", "3")
    monkeypatch.setenv("DATELINE_SHARD_SIZE", "2")
    articles = [read_text(f"Text {i}.") for i in range(40)]
    monkeypatch.setattr(cli, "articles", lambda args, on_problem: iter(articles))
    assert cli.main(["extract", "x"]) == 0
    [(workers, (config, _parent))] = started
    assert workers == 3 and isinstance(config, Config) and config.shard_size == 2
    # shards of the configured size while input remains, the last ones smaller (pipeline.shards)
    assert shards[:10] == [2] * 10 and max(shards) == 2 and shards[-1] == 1 and sum(shards) == 40
    assert pipeline._worker_resources.config == config and not pipeline._worker_resources._memo
    capsys.readouterr()


def test_chunk_size_batches_the_articles(monkeypatch):
    sizes = []
    monkeypatch.setattr(pipeline, "_process_batch", lambda batch, res: sizes.append(len(batch)) or iter(()))
    list(pipeline.process_many([read_text(f"Text {i}.") for i in range(5)], _reconfigured(chunk_size=2)))
    assert sizes == [2, 2, 1]


class _StubNLP:
    """spaCy's ``pipe`` that raises for one text and records the batch size."""

    def __init__(self, real):
        self.real, self.batch_sizes = real, []

    def pipe(self, texts, batch_size):
        self.batch_sizes.append(batch_size)
        texts = list(texts)
        if any("EXPLODE" in t for t in texts):
            raise RuntimeError("stub spaCy failure")
        return self.real.pipe(texts, batch_size=batch_size)


def _with_stub_nlp(**changes) -> tuple[Resources, _StubNLP]:
    shared = shared_resources()
    resources = Resources(replace(shared.config, **changes))
    stub = _StubNLP(shared.nlp)
    resources._memo = {**shared._memo, "nlp": stub}
    return resources, stub


def test_spacy_batch_size_reaches_nlp_pipe():
    resources, stub = _with_stub_nlp(spacy_batch_size=5)
    list(annotate_many([clean(read_text("Rebels attacked a base in Gao."))], resources))
    assert stub.batch_sizes == [5]


def test_a_spacy_failure_is_that_articles_problem_and_the_batch_goes_on():
    resources, _ = _with_stub_nlp()
    texts = [
        "Gunmen killed two farmers in Gao on Monday, police said.",
        "EXPLODE: rebels attacked a base in Gao on Monday.",
        "Rebels attacked a base in Gao on Monday, killing three soldiers.",
    ]
    results = list(pipeline.process_many([read_text(t, published="2020-03-04") for t in texts], resources))
    assert [bool(r.events) for r in results] == [True, False, True]
    [problem] = results[1].problems
    assert problem.code == "E101" and "stub spaCy failure" in problem.message
    assert not results[0].problems and not results[2].problems


def test_embed_threads_set_the_onnxruntime_session():
    from dateline.extract import embedding
    from dateline.extract import event_typing as et

    resources = Resources(replace(shared_resources().config, embed_threads=2))
    session = embedding._session(et.model(et.MEANING_MODEL["acled"], resources).path, resources)
    assert session.get_session_options().intra_op_num_threads == 2


def test_merge_thresholds_come_from_the_config(monkeypatch):
    from dateline.merge import build

    seen = {}

    def cluster(resolved, reach, text=None):
        seen["reach"] = reach
        return [[SimpleNamespace(mention=SimpleNamespace(trigger=(0, 1)))]]

    def long_before(event, published, days):
        seen["background"] = days
        return ""

    def out_of_scope(typing, group, minimum):
        seen["scope"] = minimum
        return False

    def code_event(article, group, primary, typing, refine, bounds, drops):
        seen["refine"] = refine
        seen["bounds"] = (bounds.max_fatalities, bounds.earliest.year, bounds.latest.year)
        return "event"

    monkeypatch.setattr(build, "cluster", cluster)
    monkeypatch.setattr(build, "primary_mention", lambda group: "primary")
    monkeypatch.setattr(build, "classify_group", lambda article, group, resources: ("ARMED_CLASH", 0.7))
    monkeypatch.setattr(build, "out_of_scope", out_of_scope)
    monkeypatch.setattr(build, "code_event", code_event)
    monkeypatch.setattr(build, "long_before", long_before)
    monkeypatch.setattr(build, "ordinary_crime", lambda primary, group, event, article, *context: False)
    monkeypatch.setattr(build, "against_civilians", lambda primary, event: False)
    resources = _reconfigured(
        anaphor_reach=1,
        background_after_days=40,
        out_of_scope_min_probability=0.9,
        refine_min_probability=0.95,
        max_fatalities=77,
        earliest_event_year=1950,
        latest_event_year=2050,
    )
    assert merge.build_events(read_text("x"), [], resources) == ["event"]
    assert seen == {"reach": 1, "scope": 0.9, "refine": 0.95, "bounds": (77, 1950, 2050), "background": 40}


def test_out_of_scope_threshold_changes_the_events():
    talks = read_text(
        "The foreign ministers met in Geneva on Monday to discuss the ceasefire.", published="2022-05-10"
    )
    assert pipeline.process(talks, shared_resources()).events == []  # diplomacy: out of scope
    assert pipeline.process(
        talks, _reconfigured(out_of_scope_min_probability=1.0)
    ).events  # never sure enough

"""The JSON Schema an editor uses (`pbflow schema`) accepts every shipped
scenario, those that extend another included, and still refuses what the
language refuses. Checked with Debian's python3-jsonschema."""
import json
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import BUILD, ROOT


class Yaml12Loader(yaml.SafeLoader):
    """YAML 1.2's core schema, as pbflow reads scenarios: `on`, `off`, `yes`
    and `no` are text, and `105.0e6` is a number (PyYAML follows YAML 1.1)."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:float")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+(?=[eE]))(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))


def as_json_types(node):
    """Dates and keys as YAML gives them, in JSON's terms (numbered years as text keys)."""
    if isinstance(node, dict):
        return {str(k): as_json_types(v) for k, v in node.items()}
    if isinstance(node, list):
        return [as_json_types(v) for v in node]
    return node


@pytest.fixture(scope="module")
def validator():
    text = subprocess.run([str(BUILD / "engine" / "pbflow"), "schema"], check=True, capture_output=True,
                          text=True).stdout
    schema = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def shipped():
    files = sorted((ROOT / "scenarios").rglob("*.yaml"))
    shared = ROOT.parent / "shared" / "examples"
    if shared.is_dir():
        files += sorted(shared.glob("*.yaml"))
    return files


@pytest.mark.parametrize("path", shipped(), ids=lambda p: str(p.relative_to(p.parents[1])))
def test_every_shipped_scenario_is_valid_under_the_schema(validator, path):
    document = as_json_types(yaml.load(path.read_text(), Loader=Yaml12Loader))
    errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]
    assert not errors, "\n".join(errors[:5])


def test_the_schema_still_refuses(validator):
    baseline = as_json_types(yaml.load((ROOT / "scenarios" / "japan_baseline.yaml").read_text(), Loader=Yaml12Loader))
    missing = dict(baseline)
    del missing["horizon"]
    assert list(validator.iter_errors(missing)), "a file that extends nothing needs its horizon"
    wrong = dict(baseline, horizon={"start": "2025-13", "months": 12})
    assert list(validator.iter_errors(wrong)), "month 13"
    extending = {"pbflow": 1, "extends": "base.yaml", "name": "w", "shocks": {"add": [{"kind": "earthquake"}]}}
    assert list(validator.iter_errors(extending)), "an unknown shock kind, even in an added list"
    extending["shocks"] = {"add": [{"kind": "conflict_onset", "country": "ETH", "at": "2026-10"}]}
    assert not list(validator.iter_errors(extending))

"""Type stubs that match the extension module, and a docstring on every
public name, so help() and editors tell the user what each thing does."""
import ast
import re
import inspect
import pydoc
from pathlib import Path

import pbflow
from pbflow import _pbflow


def stub_tree():
    return ast.parse(Path(_pbflow.__file__).with_name("_pbflow.pyi").read_text())


def public(names):
    return {n for n in names if not n.startswith("_") or n in ("__getstate__", "__setstate__")}


def test_the_stubs_name_everything_the_module_has_and_nothing_else():
    tree = stub_tree()
    stubbed = {node.name: node for node in tree.body if isinstance(node, (ast.ClassDef, ast.FunctionDef))}
    assert set(stubbed) == public(n for n in dir(_pbflow) if not n.startswith("__"))
    for name, node in stubbed.items():
        if not isinstance(node, ast.ClassDef) or name in ("InputError", "RuntimeFailure"):
            continue
        members = set()
        for item in node.body:
            if isinstance(item, ast.FunctionDef):
                members.add(item.name)
            elif isinstance(item, ast.AnnAssign):
                members.add(item.target.id)
        actual = public(n for n in vars(getattr(_pbflow, name)) if not n.startswith("__") or n in
                        ("__getstate__", "__setstate__"))
        assert members == actual, name
    # Each stubbed function takes the arguments the module's function takes.
    for name, node in stubbed.items():
        if isinstance(node, ast.FunctionDef):
            doc = getattr(_pbflow, name).__doc__.splitlines()[0]
            for arg in node.args.args:
                assert f"{arg.arg}:" in doc, (name, arg.arg)
            # ... and no argument of the module's is missing from the stub.
            signature = doc[doc.index("(") + 1:doc.rindex(")")]
            taken = set(re.findall(r"(?:^|, )(\w+):", signature))
            assert taken == {arg.arg for arg in node.args.args}, (name, taken)


def test_every_public_name_has_a_docstring():
    missing = []
    for name in pbflow.__all__:
        thing = getattr(pbflow, name)
        if not (thing.__doc__ or "").strip():
            missing.append(name)
        if inspect.isclass(thing) and thing.__module__.startswith("pbflow."):
            for member, value in vars(thing).items():
                if member.startswith("_") or not (callable(value) or isinstance(value, property)):
                    continue
                if not (getattr(value, "__doc__", None) or "").strip():
                    missing.append(f"{name}.{member}")
    assert not missing, missing


def test_help_on_run_says_what_it_does_and_its_options():
    text = pydoc.render_doc(pbflow.run, renderer=pydoc.plaintext)
    for word in ("replicas", "seed", "threads", "block_size", "trace", "Returns Results", "command line"):
        assert word in text, word
    signature = inspect.signature(pbflow.run)
    assert signature.parameters["threads"].default == 0 and signature.parameters["block_size"].default == 16

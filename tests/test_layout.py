"""One home for each thing: every Python file of an addon's models/, wizard/ and report/ defines one Odoo model
and is named after it (a report after the report); an addon extends another module's model from one file only,
named after that model; plain helpers live in the addon's tools/. Read from the source (no database): a file added
with two models fails here.
"""

import ast
import pathlib

import pytest

ADDONS = pathlib.Path(__file__).resolve().parent.parent / "addons"
MODEL_BASES = {"Model", "TransientModel", "AbstractModel"}
FOLDERS = ("models", "wizard", "report")


def _model_classes(path):
    """(class name, _name, _inherit) of every Odoo model class in the file, and the names of the other classes."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    models, others = [], []
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        bases = {base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", None) for base in node.bases}
        if not bases & MODEL_BASES:
            others.append(node.name)
            continue
        attributes = {}
        for statement in node.body:
            if isinstance(statement, ast.Assign) and len(statement.targets) == 1 and \
                    isinstance(statement.targets[0], ast.Name) and statement.targets[0].id in ("_name", "_inherit"):
                try:
                    attributes[statement.targets[0].id] = ast.literal_eval(statement.value)
                except ValueError:
                    attributes[statement.targets[0].id] = None
        inherit = attributes.get("_inherit")
        first_inherit = inherit[0] if isinstance(inherit, list) and inherit else inherit
        models.append((node.name, attributes.get("_name"), first_inherit))
    return models, others


def _files():
    for addon in sorted(ADDONS.glob("ctxh_*")):
        for folder in FOLDERS:
            for path in sorted((addon / folder).glob("*.py")):
                if path.name != "__init__.py":
                    yield path


FILES = list(_files())


def test_the_addons_are_found():
    assert len(FILES) > 40


@pytest.mark.parametrize("path", FILES, ids=[str(path.relative_to(ADDONS)) for path in FILES])
def test_one_model_per_file_named_after_it(path):
    models, others = _model_classes(path)
    assert not others, f"{path.name}: plain classes {others} belong in the addon's tools/"
    assert len(models) == 1, f"{path.name} defines {len(models)} models: {[m[0] for m in models]}"
    _class, name, inherit = models[0]
    model = name or inherit
    assert model, f"{path.name}: a model without _name or _inherit"
    # a report's model is report.<addon>.<report name>: its file is named after the report, as Odoo's are
    expected = model.split(".", 2)[2] if model.startswith("report.") else model.replace(".", "_")
    assert path.stem == expected, f"{path.name} holds {model}: name it {expected}.py"


def test_an_addon_extends_a_model_from_one_file():
    for addon in sorted(ADDONS.glob("ctxh_*")):
        seen = {}
        for path in FILES:
            if path.parent.parent != addon:
                continue
            for _class, name, inherit in _model_classes(path)[0]:
                if inherit and not name:
                    seen.setdefault(inherit, []).append(path.name)
        twice = {model: paths for model, paths in seen.items() if len(paths) > 1}
        assert not twice, f"{addon.name} extends a model from several files: {twice}"


# the user's or the server's day is not the facility's: a nurse in Hà Nội at 00:30 with a browser set to Paris, a
# cron on a UTC server. The facility's clock (res.company._ctxh_today, _ctxh_local, _ctxh_day_bounds) is the one
# place that turns "now" into a day.
USER_CLOCKS = ("context_today", "context_timestamp", "date.today(", "Date.today(", "datetime.today(")
CLOCK_HOME = ADDONS / "ctxh_residents" / "models" / "res_company.py"
CODE = sorted(path for addon in ADDONS.glob("ctxh_*") for path in addon.rglob("*.py")
              if "tests" not in path.parts and "migrations" not in path.parts and path != CLOCK_HOME)


@pytest.mark.parametrize("path", CODE, ids=[str(path.relative_to(ADDONS)) for path in CODE])
def test_today_is_the_facilitys(path):
    found = [(number, line.strip()) for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if any(clock in line for clock in USER_CLOCKS)]
    assert not found, f"{path.name}: a day taken from another clock than the facility's: {found}"

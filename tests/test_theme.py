import subprocess
import sys

import altair as alt

import summitlab as sl
from summitlab import theme


def test_importing_summitlab_registers_no_theme_and_reads_no_data():
    code = (
        "import builtins, altair as alt; opened = []; real = builtins.open\n"
        "builtins.open = lambda f, *a, **k: (opened.append(str(f)), real(f, *a, **k))[1]\n"
        "import summitlab\n"
        "print('summitlab' in alt.theme.names(), any(f.endswith(('.csv', '.json')) for f in opened))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_use_theme_enables_the_course_theme():
    alt.theme.enable("default")
    assert sl.use_theme() == "summitlab"
    assert alt.theme.active == "summitlab"
    spec = alt.Chart().mark_point().to_dict()
    assert spec["config"]["range"]["category"][:3] == ["#0072B2", "#E69F00", "#009E73"]
    assert spec["config"]["axis"]["labelFontSize"] >= 11
    alt.theme.enable("default")


def test_use_theme_twice_is_harmless():
    sl.use_theme()
    sl.use_theme()
    assert alt.theme.names().count("summitlab") == 1
    alt.theme.enable("default")


def test_palette_is_okabe_ito_and_distinct():
    assert len(set(theme.PALETTE)) == 8
    assert theme.PALETTE[5] == "#D55E00"


def test_use_theme_switches_on_the_offline_renderer():
    alt.renderers.enable("default")
    sl.use_theme()
    assert alt.renderers.active == "summitlab"
    alt.theme.enable("default")
    alt.renderers.enable("default")

"""kobai.i18n reads mkdocs-static-i18n's plugin state (kobai/compat/static_i18n.py): fail clearly if a
pinned upgrade moves it."""

from kobai import i18n
from kobai.compat import static_i18n


def test_the_pinned_static_i18n_has_the_attributes_kobai_reads():
    from mkdocs_static_i18n.plugin import I18n

    for name in static_i18n.ATTRIBUTES:
        assert hasattr(I18n, name) or name in I18n().__dict__, (
            f"static-i18n's plugin has no {name!r} any more: update kobai/compat/static_i18n.py")


class _Plugins(dict):
    pass


class _Config:
    def __init__(self, plugin=None):
        self.plugins = _Plugins({"i18n": plugin} if plugin else {})


class _FakeI18n:
    all_languages = ["en", "ja"]
    default_language = "ja"
    current_language = "en"
    building = True


def test_state_puts_the_default_first_and_tells_nested_builds():
    state = i18n.state(_Config(_FakeI18n()))
    assert state.all == ("ja", "en") and state.default == "ja" and state.current == "en" and state.nested


def test_without_the_i18n_plugin_the_site_has_one_language():
    assert i18n.state(_Config()) == i18n.Languages(("ja",), "ja", "ja", False)

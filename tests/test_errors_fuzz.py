"""Random edition data, contact data and post metadata: the loaders either
accept them or answer with the project's own errors, never anything else."""

from __future__ import annotations

import datetime
import string

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sosconf.build.runs import load_settings
from sosconf.conference.data import BUG, parse_contacts, parse_edition
from sosconf.conference.schema import Channel, Contacts, Edition
from sosconf.content.reader import ContentRejected, SosconfMarkdownReader
from sosconf.errors import ContentError, ErrorLog
from support import SETTINGS

EDITION_KEYS = list(Edition.model_fields)
CHANNEL_KEYS = list(Channel.model_fields)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2300, 1, 1)).map(str),
    st.sampled_from(
        [
            "2022-19-29",
            "2022-02-30",
            "planned",
            "held",
            "https://t.me/sosconf",
            "mailto:hi@example.org",
            "javascript:alert(1)",
            "http://example.org",
            "data:,x",
            "<script>alert(1)</script>",
            "zh",
            "en",
        ]
    ),
)
texts = st.one_of(
    st.text(max_size=20),
    st.dictionaries(st.sampled_from(["zh", "en", "fr"]), st.text(max_size=10), max_size=3),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
channels = st.lists(
    st.dictionaries(st.sampled_from(CHANNEL_KEYS + ["link", "nmae"]), st.one_of(texts, scalars), max_size=4),
    max_size=4,
)
keys = st.one_of(
    st.sampled_from(EDITION_KEYS), st.sampled_from(["venu", "staus", "yaer", "channel"]), st.text(max_size=8)
)
plausible_dates = st.dates(min_value=datetime.date(2030, 1, 1), max_value=datetime.date(2030, 12, 31)).map(
    str
)
plausible_channels = st.lists(
    st.fixed_dictionaries(
        {"name": st.sampled_from(["Telegram", "QQ"])},
        optional={
            "url": st.sampled_from(["https://t.me/a", "https://t.me/b", "mailto:a@b.org", "http://a.org"]),
            "value": st.sampled_from(["123", "456"]),
        },
    ),
    max_size=3,
)
# Mostly well-formed editions with a few things off, so both the accepting
# and the refusing paths of every validator run.
plausible = st.fixed_dictionaries(
    {
        "year": st.sampled_from([2030, 2030, 2030, "2030", 2031]),
        "name": st.sampled_from(
            ["sosconf 2030", {"zh": "2030 学生开源年会", "en": "sosconf 2030"}, {"en": "x"}]
        ),
        "status": st.sampled_from(["planned", "postponed", "cancelled", "held"]),
    },
    optional={
        "start": plausible_dates,
        "end": plausible_dates,
        "ordinal": st.integers(-1, 20),
        "language": st.sampled_from(["zh", "en", "fr"]),
        "channels": plausible_channels,
        "city": texts,
        "when": texts,
    },
)
arbitrary = st.fixed_dictionaries(
    {},
    optional={
        "year": st.one_of(st.integers(1990, 2300), scalars),
        "name": st.one_of(texts, scalars),
        "status": scalars,
        "start": scalars,
        "end": scalars,
        "channels": st.one_of(channels, values),
        "city": st.one_of(texts, scalars),
    },
)
extra_keys = st.one_of(st.just({}), st.dictionaries(keys, values, max_size=2))
edition_like = st.tuples(st.one_of(plausible, arbitrary), extra_keys).map(
    lambda parts: {**parts[1], **parts[0]}
)


def _assert_own_errors(errors, relpath, text):
    lines = len(text.splitlines()) + 1  # YAML also breaks lines at \x85, \u2028 and \u2029
    for error in errors:
        assert isinstance(error, ContentError)
        assert error.path == relpath
        assert error.line is None or 1 <= error.line <= lines
        assert error.message and BUG not in error.message


@settings(max_examples=200, deadline=None)
@given(edition_like)
def test_random_edition_data_is_accepted_or_refused_with_content_errors(data):
    text = yaml.safe_dump(data, allow_unicode=True)
    edition, errors = parse_edition(text, "editions/2030.yml")
    assert (edition is None) == bool(errors)
    if edition is not None:
        assert isinstance(edition, Edition) and edition.year == 2030
    _assert_own_errors(errors, "editions/2030.yml", text)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from(["channels", "chanels"]), st.one_of(channels, values), max_size=2))
def test_random_contact_data_is_accepted_or_refused_with_content_errors(data):
    text = yaml.safe_dump(data, allow_unicode=True)
    contacts, errors = parse_contacts(text, "contacts.yml")
    assert (contacts is None) == bool(errors)
    assert contacts is None or isinstance(contacts, Contacts)
    _assert_own_errors(errors, "contacts.yml", text)


yaml_texts = st.one_of(
    st.text(alphabet=string.printable + "：中文—", max_size=80),
    st.lists(
        st.sampled_from(
            [
                "year: 2030",
                "name: x",
                "status: held",
                "  - a",
                "- b",
                "? [a, b]\n: c",
                "{a: [",
                "&a x",
                "*a",
                "!!python/object:os.system x",
                "---",
                "...",
                "\t",
                "key: 'unclosed",
                "1: one",
                "channels:",
                "  - name: T",
                "    url: https://t.me/x",
                "    url: https://t.me/x",
            ]
        ),
        max_size=8,
    ).map("\n".join),
)


@settings(max_examples=200, deadline=None)
@given(yaml_texts)
def test_random_yaml_text_never_escapes_as_an_exception(text):
    edition, errors = parse_edition(text, "editions/2030.yml")
    assert (edition is None) == bool(errors)
    _assert_own_errors(errors, "editions/2030.yml", text)


@pytest.fixture(scope="module")
def reader_in(tmp_path_factory):
    content = tmp_path_factory.mktemp("content")
    (content / "news" / "en").mkdir(parents=True)
    settings_ = load_settings(str(SETTINGS), "en", content, tmp_path_factory.mktemp("output"))
    return content, settings_


metadata_lines = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "Title",
                "title",
                "Date",
                "date",
                "Slug",
                "Lang",
                "Tags",
                "Summary",
                "Status",
                "Image",
                "Edition",
                "Modified",
                "Author",
                "Titel",
                "X-Key",
            ]
        ),
        st.one_of(
            st.text(alphabet=string.ascii_letters + string.digits + " -:/.+{}[]", max_size=25),
            scalars.map(str),
        ),
    ),
    max_size=6,
)
bodies = st.lists(
    st.sampled_from(
        [
            "Text.",
            "<!-- PELICAN_END_SUMMARY -->",
            "![p](/assets/images/x.png)",
            "[a]({filename}x.md)",
            "<script>x()</script>",
            "[b](https://example.org)",
            "<a href='javascript:x'>c</a>",
            "![q](q.png)",
            "`<!-- PELICAN_END_SUMMARY -->`",
            "<iframe src='https://example.org'></iframe>",
        ]
    ),
    max_size=5,
).map("\n\n".join)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(front_matter=st.booleans(), metadata=metadata_lines, body=bodies)
def test_random_posts_are_read_or_refused_with_content_errors(reader_in, front_matter, metadata, body):
    content, base_settings = reader_in
    settings_ = dict(base_settings, SOSCONF_ERROR_LOG=ErrorLog())
    if front_matter:
        head = (
            "---\n"
            + "".join(f"{key.lower()}: {yaml.safe_dump(value).splitlines()[0]}\n" for key, value in metadata)
            + "---\n"
        )
    else:
        head = "".join(f"{key}: {value}\n" for key, value in metadata)
    text = head + "\n" + body + "\n"
    path = content / "news" / "en" / "post.md"
    path.write_text(text, encoding="utf-8")
    reader = SosconfMarkdownReader(settings_)
    try:
        html, read_metadata = reader.read(str(path))
    except ContentRejected:
        errors = settings_["SOSCONF_ERROR_LOG"].errors
        assert errors
        _assert_own_errors(errors, "news/en/post.md", text)
        assert not any(error.message.startswith("could not be read") for error in errors)
    else:
        assert settings_["SOSCONF_ERROR_LOG"].errors == []
        assert isinstance(html, str) and "<script" not in html
        assert read_metadata.get("title")

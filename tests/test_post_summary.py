from sosconf.content.summary import DEFAULT_MARKER, cut_summary, first_block


def test_summary_stops_at_marker():
    html = f"<p>One.</p>\n{DEFAULT_MARKER}\n<p>Two.</p>"
    summary, content = cut_summary(html)
    assert summary == "<p>One.</p>"
    assert DEFAULT_MARKER not in content
    assert "<p>Two.</p>" in content and "<p>One.</p>" in content


def test_summary_without_marker_is_the_first_paragraph():
    summary, content = cut_summary("<h2>Title</h2>\n<p>First.</p>\n<p>Second.</p>")
    assert summary == "<p>First.</p>"
    assert content == "<h2>Title</h2>\n<p>First.</p>\n<p>Second.</p>"


def test_summary_of_a_post_without_paragraphs_is_its_first_block():
    assert (
        first_block("<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<h2>After</h2>")
        == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"
    )
    assert first_block("<h2>Only a heading</h2>") == "<h2>Only a heading</h2>"


def test_marker_escaped_inside_code_is_not_a_cut():
    html = "<p>Intro.</p>\n<pre><code>&lt;!-- PELICAN_END_SUMMARY --&gt;</code></pre>"
    summary, content = cut_summary(html)
    assert summary == "<p>Intro.</p>"
    assert content == html

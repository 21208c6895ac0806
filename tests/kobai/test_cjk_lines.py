from kobai.cjk_lines import join_cjk_lines


def test_break_between_japanese_characters_is_removed():
    assert join_cjk_lines("<p>入力側の層に届くまでに\nほとんど 0 まで</p>") == "<p>入力側の層に届くまでにほとんど 0 まで</p>"


def test_break_next_to_inline_tags_is_removed():
    assert join_cjk_lines("<p><strong>勾配</strong>\nが消える。\n<em>深い</em>層</p>") == "<p><strong>勾配</strong>が消える。<em>深い</em>層</p>"


def test_break_between_english_words_stays():
    assert join_cjk_lines("<p>vanishing\ngradient と勾配\nexploding</p>") == "<p>vanishing\ngradient と勾配\nexploding</p>"


def test_code_blocks_are_left_alone():
    html = "<pre><code>x = '勾配'\ny = '消失'\n</code></pre><p>勾配\n消失</p><code>a\nあ</code>"
    assert join_cjk_lines(html) == "<pre><code>x = '勾配'\ny = '消失'\n</code></pre><p>勾配消失</p><code>a\nあ</code>"

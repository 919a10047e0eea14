"""What changed between two texts: paragraphs added, removed and changed, words marked inside a change."""

from kezdesu.reports.domain.text_diff import Block, Segment, diff_texts, paragraphs, word_segments


def test_paragraphs_are_split_on_blank_lines_and_their_lines_joined():
    assert paragraphs("1. One\nline.\r\n\r\n\n2. Two.  \n \n") == ["1. One line.", "2. Two."]


def test_the_same_text_has_no_changes():
    diff = diff_texts("A.\n\nB.", "A.\n\n\nB.\n")

    assert diff.unchanged
    assert diff.blocks == [Block("same", "A."), Block("same", "B.")]


def test_a_changed_paragraph_is_marked_word_by_word():
    old = "1. Meetings are held once a quarter.\n\n2. The reception follows the meeting."
    new = "1. Meetings are held at least once a quarter.\n\n2. The reception follows the meeting."

    diff = diff_texts(old, new)

    assert (diff.added, diff.removed, diff.changed) == (0, 0, 1)
    assert diff.blocks[0] == Block(
        "changed",
        segments=[
            Segment("same", "1. Meetings are held "),
            Segment("ins", "at least "),
            Segment("same", "once a quarter."),
        ],
    )
    assert diff.blocks[1] == Block("same", "2. The reception follows the meeting.")


def test_a_replaced_word_is_one_deletion_then_one_insertion():
    assert word_segments("within ten days of the meeting", "within ten days after the reception") == [
        Segment("same", "within ten days "),
        Segment("del", "of"),
        Segment("ins", "after"),
        Segment("same", " the "),
        Segment("del", "meeting"),
        Segment("ins", "reception"),
    ]


def test_paragraphs_added_and_removed_are_counted():
    old = "Kept one.\n\nRemoved entirely, nothing alike.\n\nKept two."
    new = "Kept one.\n\nKept two.\n\nA brand new closing paragraph."

    diff = diff_texts(old, new)

    assert (diff.added, diff.removed, diff.changed) == (1, 1, 0)
    assert [block.kind for block in diff.blocks] == ["same", "removed", "same", "added"]


def test_an_unlike_paragraph_in_place_of_another_is_removed_and_added():
    diff = diff_texts("Alpha beta gamma.", "Completely different words here.")

    assert [block.kind for block in diff.blocks] == ["removed", "added"]
    assert (diff.added, diff.removed, diff.changed) == (1, 1, 0)


def test_a_paragraph_inserted_before_a_changed_one_keeps_the_pairing():
    old = "1. Reception of citizens on the day.\n\n2. Publication within ten days."
    new = "1. Reception of citizens on the day, by appointment.\n\nNew rule.\n\n2. Publication within ten days."

    diff = diff_texts(old, new)

    assert [block.kind for block in diff.blocks] == ["changed", "added", "same"]


def test_kazakh_words_are_compared_whole():
    segments = word_segments("он күн ішінде", "он бес күн ішінде")

    assert segments == [Segment("same", "он"), Segment("ins", " бес"), Segment("same", " күн ішінде")]

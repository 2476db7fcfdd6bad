"""The dashboard's small portfolio matrix: positions rounded for the overview."""

from decimal import Decimal

from analysis.dashboard.portfolio import rounded_positions


def test_the_small_matrix_rounds_positions_to_the_half_point_and_adds_their_accounts():
    d = Decimal
    positions = [(d("6.2"), d("7.3"), 2), (d("6.1"), d("7.4"), 3), (d("6.25"), d("2.7"), 1), (d("1.0"), d("10.0"), 4)]
    assert rounded_positions(positions) == [
        (d("1.0"), d("10.0"), 4),
        (d("6.0"), d("7.5"), 5),  # the first two share a point
        (d("6.5"), d("2.5"), 1),  # a quarter point rounds up
    ]

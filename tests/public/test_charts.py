"""Unit tests of the SVG bar charts: well-formed, accessible, proportional, escaped, readable colours."""

from coalition.intranet.public.statistics import charts
from coalition.intranet.public.statistics.charts import Bar
from coalition.intranet.public.statistics.charts import bar_chart
import unittest
from xml.etree import ElementTree


SVG = "{http://www.w3.org/2000/svg}"


def parse(markup: str):
    return ElementTree.fromstring(markup)  # noqa: S314 - our own output, not untrusted input


def contrast(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two ``#rrggbb`` colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def bar_rects(svg) -> list:
    return [group.find(f"{SVG}rect") for group in svg.iter(f"{SVG}g") if group.get("class") == "coalition-chart-bar"]


def values(svg) -> list[str]:
    return [text.text for text in svg.iter(f"{SVG}text") if text.get("class") == "coalition-chart-value"]


class TestBarChart(unittest.TestCase):
    def chart(self, bars=None, **options):
        bars = bars or [Bar("Moscow", 12), Bar("Tver region", 6), Bar("Other regions", 3, muted=True)]
        return bar_chart(bars, chart_id="chart-region", title="People by region", **options)

    def test_well_formed_svg_image_named_by_its_title_and_described(self):
        svg = parse(self.chart(description="Bar chart; the table gives the same numbers."))
        self.assertEqual(svg.tag, f"{SVG}svg")
        self.assertEqual(svg.get("role"), "img")
        title = svg.find(f"{SVG}title")
        desc = svg.find(f"{SVG}desc")
        self.assertEqual(svg.get("aria-labelledby"), title.get("id"))
        self.assertEqual(svg.get("aria-describedby"), desc.get("id"))
        self.assertEqual(title.text, "People by region")
        self.assertEqual(title.get("id"), "chart-region-title")
        # The description carries every number for screen readers.
        self.assertEqual(
            desc.text,
            "Bar chart; the table gives the same numbers. Moscow: 12; Tver region: 6; Other regions: 3",
        )
        # The title comes first in the SVG (SVG 2 asks for it as the first child).
        self.assertIs(svg[0], title)

    def test_scales_to_its_container(self):
        svg = parse(self.chart())
        self.assertEqual(svg.get("width"), "100%")
        self.assertIsNone(svg.get("height"))
        x, y, width, height = (float(number) for number in svg.get("viewBox").split())
        self.assertEqual((x, y, width), (0, 0, charts.WIDTH))
        taller = parse(self.chart([Bar(f"Region {n}", n) for n in range(1, 7)]))
        self.assertGreater(float(taller.get("viewBox").split()[3]), height)

    def test_bars_are_proportional_and_have_text_labels_and_values(self):
        svg = parse(self.chart([Bar("Moscow", 12), Bar("Tver region", 6), Bar("Kursk region", 0)]))
        widths = [float(rect.get("width")) for rect in bar_rects(svg)]
        self.assertEqual(widths[0], charts.WIDTH - 2 * charts.PADDING - charts.VALUE_ROOM)
        self.assertAlmostEqual(widths[1], widths[0] / 2, places=1)
        self.assertEqual(widths[2], 0)
        self.assertEqual(values(svg), ["12", "6", "0"])
        texts = [text.text for text in svg.iter(f"{SVG}text") if text.get("class") is None]
        self.assertEqual(texts, ["Moscow", "Tver region", "Kursk region"])
        # Everything stays inside the viewBox, the values right of their bars.
        for rect in bar_rects(svg):
            self.assertLessEqual(float(rect.get("x")) + float(rect.get("width")) + charts.VALUE_ROOM, charts.WIDTH)

    def test_a_small_value_stays_visible_next_to_a_large_one(self):
        svg = parse(self.chart([Bar("Moscow", 5000), Bar("Kursk region", 1)]))
        self.assertGreaterEqual(float(bar_rects(svg)[1].get("width")), 2)

    def test_numbers_in_the_readers_format(self):
        svg = parse(self.chart([Bar("Moscow", 1234)], format_number=lambda value: f"{value:,}".replace(",", ".")))
        self.assertEqual(values(svg), ["1.234"])
        self.assertIn("Moscow: 1.234", svg.find(f"{SVG}desc").text)

    def test_colours_have_enough_contrast(self):
        self.assertGreaterEqual(contrast(charts.BAR_COLOUR, charts.BACKGROUND), 3)
        self.assertGreaterEqual(contrast(charts.MUTED_BAR_COLOUR, charts.BACKGROUND), 3)
        self.assertGreaterEqual(contrast(charts.TEXT_COLOUR, charts.BACKGROUND), 4.5)
        svg = parse(self.chart())
        # The chart paints its own background, so the page behind it does not matter.
        background = svg.find(f"{SVG}rect")
        self.assertEqual(background.get("fill"), charts.BACKGROUND)
        self.assertEqual(background.get("width"), str(charts.WIDTH))
        fills = [rect.get("fill") for rect in bar_rects(svg)]
        self.assertEqual(fills, [charts.BAR_COLOUR, charts.BAR_COLOUR, charts.MUTED_BAR_COLOUR])
        self.assertEqual(svg.find(f"{SVG}g").get("fill"), charts.TEXT_COLOUR)

    def test_labels_and_title_are_escaped(self):
        label = "<script>alert('x')</script> & \"Co\""
        markup = bar_chart([Bar(label, 1)], chart_id="chart-x", title="A < B & C")
        self.assertNotIn("<script>", markup)
        svg = parse(markup)
        self.assertEqual(svg.find(f"{SVG}title").text, "A < B & C")
        self.assertEqual(" ".join(text.text for text in svg.iter(f"{SVG}text") if text.get("class") is None), label)

    def test_long_labels_wrap_on_words_within_the_chart(self):
        label = "282.2 – organising or taking part in an 'extremist' organisation"
        svg = parse(self.chart([Bar(label, 3)]))
        lines = [text.text for text in svg.iter(f"{SVG}text") if text.get("class") is None]
        self.assertGreater(len(lines), 1)
        self.assertEqual(" ".join(lines), label)
        self.assertTrue(all(len(line) <= charts.LABEL_LINE_CHARACTERS for line in lines))

    def test_very_long_labels_are_cut_with_an_ellipsis(self):
        svg = parse(self.chart([Bar("word " * 60, 3)]))
        lines = [text.text for text in svg.iter(f"{SVG}text") if text.get("class") is None]
        self.assertEqual(len(lines), charts.LABEL_MAX_LINES)
        self.assertTrue(lines[-1].endswith("…"))

    def test_no_bars_no_chart(self):
        self.assertEqual(bar_chart([], chart_id="chart-empty", title="Empty"), "")

    def test_all_zero_values_draw_empty_bars(self):
        svg = parse(self.chart([Bar("Moscow", 0), Bar("Tver region", 0)]))
        self.assertEqual([rect.get("width") for rect in bar_rects(svg)], ["0", "0"])

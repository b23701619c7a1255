"""Bar charts drawn on the server as SVG (monitoring/templates/monitoring/_bar_chart.html and _column_chart.html):
no script, no inline style, printable. These functions only lay out the geometry, in SVG user units."""

BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 190
BAR_AREA = 300
CHART_WIDTH = LABEL_WIDTH + BAR_AREA + 60

COLUMN_AREA_HEIGHT = 150
COLUMN_TOP = 20
COLUMN_LABELS = 22


def bar_chart(rows):
    """Horizontal bars for [(label, value)]: long labels (partner sectors) read best beside their bar."""
    largest = max((value for _, value in rows), default=0) or 1
    bars = []
    for index, (label, value) in enumerate(rows):
        y = index * (BAR_HEIGHT + BAR_GAP)
        width = round(BAR_AREA * value / largest, 1)
        bars.append(
            {
                "label": label,
                "value": value,
                "y": y,
                "width": width,
                "text_y": y + BAR_HEIGHT * 0.7,
                "value_x": LABEL_WIDTH + width + 6,
            }
        )
    height = max(len(rows) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP, 0)
    return {
        "bars": bars,
        "width": CHART_WIDTH,
        "height": height,
        "label_width": LABEL_WIDTH,
        "label_x": LABEL_WIDTH - 8,
        "bar_height": BAR_HEIGHT,
        "total": sum(value for _, value in rows),
    }


def column_chart(rows, width=560):
    """Vertical columns for [(label, value)] in time order (activities per month)."""
    largest = max((value for _, value in rows), default=0) or 1
    slot = width / max(len(rows), 1)
    baseline = COLUMN_TOP + COLUMN_AREA_HEIGHT
    columns = []
    for index, (label, value) in enumerate(rows):
        height = round(COLUMN_AREA_HEIGHT * value / largest, 1)
        x = round(index * slot + slot * 0.15, 1)
        columns.append(
            {
                "label": label,
                "value": value,
                "x": x,
                "y": round(baseline - height, 1),
                "width": round(slot * 0.7, 1),
                "height": height,
                "center": round(index * slot + slot / 2, 1),
                "value_y": round(baseline - height - 4, 1),
            }
        )
    return {
        "columns": columns,
        "width": width,
        "height": baseline + COLUMN_LABELS,
        "baseline": baseline,
        "label_y": baseline + 16,
        "total": sum(value for _, value in rows),
    }

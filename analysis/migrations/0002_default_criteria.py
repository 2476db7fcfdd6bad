"""The seed's criteria of competitiveness and elements of sales interest, equally weighted.
The administrator changes names and weights in the admin afterwards."""

from django.db import migrations

COMPETITIVENESS = [
    ("image", "Image", "How the market sees the client: brand, reputation, reliability."),
    ("distribution-channels", "Distribution channels", "How widely and how well the client sells on."),
    ("supply-channels", "Supply channels", "How secure and diverse the client's own supply is."),
    ("logistics", "Logistics", "Warehousing, transport and delivery performance."),
    ("product-range", "Product range", "Breadth and depth of what the client offers."),
    ("sales-organisation", "Sales organisation", "The client's sales team, processes and reach."),
]
SALES_INTEREST = [
    ("orders", "Number of orders", "How often the client orders from us.", "orders"),
    ("order-volumes", "Order volumes", "How large the client's orders are.", "order_volume"),
    ("buyers", "Number of buyers", "How many people at the client buy from us.", "buyers"),
    ("purchase-volumes", "Purchase volumes", "How much the client buys from us in all.", "purchase_volume"),
    ("market-development", "Market development", "Whether the client's market is growing.", ""),
    ("competitors", "Competitors", "How little the client is drawn to our competitors.", ""),
]


def add_defaults(apps, schema_editor):
    Criterion = apps.get_model("analysis", "Criterion")
    rows = [("competitiveness", code, name, text, "") for code, name, text in COMPETITIVENESS]
    rows += [("sales_interest", code, name, text, measure) for code, name, text, measure in SALES_INTEREST]
    for position, (dimension, code, name, text, measure) in enumerate(rows):
        Criterion.objects.get_or_create(
            code=code,
            defaults={
                "dimension": dimension,
                "name": name,
                "description": text,
                "weight": 1,
                "position": position,
                "measure": measure,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("analysis", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]

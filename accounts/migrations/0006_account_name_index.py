from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_search_entry_time_set_by_writer"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="account",
            index=models.Index(fields=["name"], name="accounts_ac_name_5f6f46_idx"),
        ),
    ]

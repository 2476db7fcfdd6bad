"""The demo's contacts: each account's org chart (a CEO, heads by function, specialists under
them), its buying roles and the relationship map, in the account's language, from the tables of
accounts/demo_people.py. The demo builder (accounts/demo_builder.py) runs it after the accounts.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from random import Random
from typing import TYPE_CHECKING

from simple_history.utils import bulk_create_with_history

from accounts import demo, demo_people
from accounts.models import Contact

if TYPE_CHECKING:
    from accounts.demo_builder import AccountSketch


class ContactsDemoBuilder:
    def __init__(self, *, rng: Random, today: date):
        self.rng = rng
        self.today = today
        self.counts: Counter = Counter()

    # Contacts: the org chart, created top down so each level can point at the one above ----

    def build(self, sketches: list[AccountSketch]) -> Counter:
        levels: list[list[Contact]] = [[], [], []]
        for index, sketch in enumerate(sketches):
            for level, contact in self._org_chart(sketch, pinned=index == 0):
                levels[level].append(contact)
                sketch.contacts.append(contact)
        # bulk_create reads each reports_to's primary key, saved with the level above.
        for contacts in levels:
            bulk_create_with_history(contacts, Contact)
            self.counts["contacts"] += len(contacts)
        return self.counts

    def _org_chart(self, sketch: AccountSketch, *, pinned: bool) -> list[tuple[int, Contact]]:
        rng = self.rng
        en = sketch.lang == "en"
        size = rng.randint(3, 8)
        people = self._people(sketch, size, pinned=pinned)
        head_functions = demo_people.HEADS_BY_INDUSTRY[sketch.industry]
        n_heads = 1 if size <= 3 else 2 if size <= 5 else 3
        functions = head_functions[:1] + rng.sample(head_functions[1:], n_heads - 1)

        management = "Management" if en else "Руководство"
        ceo = self._contact(sketch, people.pop(0), rng.choice(demo_people.CEO_TITLES[sketch.lang]), management)
        ceo.influence = 5
        chart = [(0, ceo, "ceo")]
        heads = {}
        for function in functions:
            position, department, buying_role = demo_people.HEADS[function]
            head = self._contact(sketch, people.pop(0), position[en], department[en])
            head.reports_to = ceo
            head.buying_role = buying_role
            head.influence = rng.randint(3, 4)
            heads[function] = head
            chart.append((1, head, function))
        openings = [
            (function, position, can_champion)
            for function in ["ceo", *functions]
            for position, can_champion in demo_people.SPECIALISTS[function]
        ]
        rng.shuffle(openings)
        champion_candidates = []
        for function, position, can_champion in openings[: len(people)]:
            boss = ceo if function == "ceo" else heads[function]
            contact = self._contact(sketch, people.pop(0), position[en], boss.department)
            contact.reports_to = boss
            contact.buying_role = "gatekeeper" if function == "ceo" else rng.choice(["user", "user", "influencer"])
            contact.influence = rng.randint(1, 3)
            if can_champion:
                champion_candidates.append(contact)
            chart.append((2, contact, function))

        if sketch.lacks_decision_maker:
            ceo.buying_role = ""
        else:
            decision_maker = ceo if rng.random() < 0.6 else heads["purchasing"]
            decision_maker.buying_role = "decision_maker"
            decision_maker.influence = 5
            if decision_maker is not ceo:
                ceo.buying_role = "influencer"
        champion = None
        if not sketch.lacks_champion:
            candidates = champion_candidates or [h for h in heads.values() if h.buying_role != "decision_maker"]
            if candidates:
                champion = rng.choice(candidates)
                champion.buying_role = "champion"
                champion.influence = max(champion.influence, 3)

        status = sketch.account.status
        for level, contact, _function in chart:
            self._relationship(sketch, contact, level=level, champion=contact is champion)
        if status == "at_risk":
            # Someone senior argues against us: that is why the account is at risk.
            opponent = rng.choice([c for level, c, _ in chart if level == 1])
            if opponent is not champion:
                opponent.attitude = "opponent"
                opponent.relationship_level = min(opponent.relationship_level, 1)
        return [(level, contact) for level, contact, _ in chart]

    def _people(self, sketch: AccountSketch, size: int, *, pinned: bool) -> list[tuple[str, str]]:
        """Names for the account's contacts: Cyrillic at Russian clients, Latin at the others
        (some of them foreigners); no surname twice in one company."""
        rng = self.rng
        pinned_people = demo_people.PINNED_PEOPLE if pinned else []
        pinned_surnames = {surname for _, surname, _ in pinned_people}
        surnames = rng.sample([s for s in demo_people.SURNAMES if s not in pinned_surnames], size)
        foreigners = rng.sample(demo_people.FOREIGN_NAMES, size)
        people = []
        for i in range(size):
            if i < len(pinned_people):
                (first_ru, first_en), surname, gender = pinned_people[i]
            else:
                gender = "f" if rng.random() < 0.45 else "m"
                first_ru, first_en = rng.choice(demo_people.FEMALE_NAMES if gender == "f" else demo_people.MALE_NAMES)
                surname = surnames[i]
            last_ru = demo.feminine(surname) if gender == "f" else surname
            if sketch.lang == "ru":
                people.append((first_ru, last_ru))
            elif rng.random() < 0.4:
                people.append(foreigners[i])
            else:
                people.append((first_en, demo.translit(last_ru)))
        return people

    def _contact(self, sketch: AccountSketch, name: tuple[str, str], position: str, department: str) -> Contact:
        rng = self.rng
        first_name, last_name = name
        domain = re.sub(r"^https://www\.", "", sketch.account.website)
        local = f"{demo.translit(first_name)[0]}.{demo.translit(last_name)}".lower().replace(" ", "")
        contact = Contact(
            account=sketch.account,
            first_name=first_name,
            last_name=last_name,
            position=position,
            department=department,
            email=f"{local}@{domain}",
            phone=(
                f"+7 9{rng.randint(10, 99)} {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}"
                if rng.random() < 0.7
                else ""
            ),
        )
        contact._history_user = sketch.account.owner
        if rng.random() < 0.4:
            contact.birthday = date(rng.randint(1964, 1993), rng.randint(1, 12), rng.randint(1, 28))
        lang = sketch.lang == "en"
        if rng.random() < 0.35:
            contact.interests = rng.choice(demo_people.INTERESTS)[lang]
        if rng.random() < 0.25:
            contact.preferences = rng.choice(demo_people.PREFERENCES)[lang]
        if rng.random() < 0.15:
            contact.personal_notes = rng.choice(demo_people.PERSONAL_NOTES)[lang]
        return contact

    def _relationship(self, sketch: AccountSketch, contact: Contact, *, level: int, champion: bool) -> None:
        rng = self.rng
        status = sketch.account.status
        if champion:
            contact.attitude = "supporter"
        else:
            weights = [1, 4, 3] if status == "at_risk" else [3, 5, 1]
            contact.attitude = rng.choices(["supporter", "neutral", "opponent"], weights=weights)[0]
        if champion:
            current = rng.randint(2, 3)
        elif contact.attitude == "opponent":
            current = rng.randint(0, 1)
        else:
            current = rng.randint(0, 2) if level < 2 else rng.randint(1, 2)
        if status == "prospect":
            current = min(current, 1)
        contact.relationship_level = current
        key = contact.buying_role in {"decision_maker", "economic_buyer", "champion"} or level == 0
        contact.relationship_aim = 3 if key else max(current, 2 if contact.influence >= 3 else 1)
        contact.relationship_owner = sketch.account.owner
        if sketch.team and level == 2 and rng.random() < 0.5:
            contact.relationship_owner = sketch.team[0]

        roll = rng.random()
        if roll < 0.06:
            contact.last_contacted = None
        elif status == "dormant" or roll < (0.45 if status == "at_risk" else 0.25):
            contact.last_contacted = self.today - timedelta(days=rng.randint(95, 420))
        else:
            contact.last_contacted = self.today - timedelta(days=rng.randint(1, 80))

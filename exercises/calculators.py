"""The Sales course's calculators: `{{ exercise("nps_calculator") }}` and
`{{ exercise("target_split") }}`, built from the engine's parts (macros/exercises.py); their
arithmetic is docs/assets/javascripts/exercises.js."""

from __future__ import annotations

from collections.abc import Sequence

from macros.exercises import Renderer, answers, field, finish, form, frame, group, sub

# The worked examples of docs/h1/nps.md (the bicycle shop) and docs/h2/targets.md (the point-of-sale
# software supplier), as a reader would type them; tests/test_exercises.py checks them against the
# tables in the built pages.
NPS_EXAMPLE: tuple[int, ...] = (1, 2, 3, 4, 6, 12, 18, 20, 38, 56, 40)
TARGET_EXAMPLE_TOTAL = "2.400.000"
# (region, share in percent, sum of the account plans in euros)
TARGET_EXAMPLE: tuple[tuple[str, str, str], ...] = (
    ("Noord", "25", "560.000"),
    ("Midden", "45", "1.120.000"),
    ("Zuid", "30", "640.000"),
)


def render_nps_calculator(uid: str, example: Sequence[int] = NPS_EXAMPLE) -> str:
    box = frame(
        uid,
        "nps_calculator",
        "Reken zelf: de NPS",
        "Vul per cijfer in hoeveel klanten dat cijfer gaven, of kies Voorbeeld invullen. Reken zelf, "
        "vul je uitkomsten in bij Jouw uitwerking en kies Controleer: je ziet per stap of het klopt. "
        "Afronden mag: een uitkomst die juist is afgerond op een heel getal of op decimalen, is goed, "
        "ook een NPS uit je afgeronde percentages. Toon de uitwerking laat de hele berekening zien.",
        ("nps-voorbeeld", "laat stap voor stap zien hoe je de NPS berekent"),
    )
    fieldset = form(box, uid)
    figures = group(fieldset, "Aantal klanten per cijfer (0 tot en met 10)", "figures")
    grid = sub(figures, "div", {"class": "ss-exercise__grid ss-exercise__grid--scores"})
    for score, count in enumerate(example):
        field(grid, f"{uid}-score-{score}", f"Aantal keer score {score}", str(count))
    answers(
        fieldset,
        uid,
        (
            ("respondents", "Totaal aantal respondenten", "numeric"),
            ("promoters", "Percentage promotors (%)", "decimal"),
            ("detractors", "Percentage criticasters (%)", "decimal"),
            ("score", "NPS", "text"),
        ),
    )
    return finish(box, fieldset, uid)


def render_target_split(
    uid: str,
    total: str = TARGET_EXAMPLE_TOTAL,
    regions: Sequence[tuple[str, str, str]] = TARGET_EXAMPLE,
) -> str:
    box = frame(
        uid,
        "target_split",
        "Reken zelf: target top-down verdelen en vergelijken met bottom-up",
        "Vul het jaartarget in, het aandeel van elke regio (samen 100 %) en per regio de som van de "
        "accountplannen (bottom-up), of kies Voorbeeld invullen. Reken per regio het target top-down "
        "en het verschil (bottom-up min top-down) uit, en het totale verschil. Vul je uitkomsten in bij "
        "Jouw uitwerking en kies Controleer: je ziet per stap of het klopt. Afronden mag: een bedrag "
        "dat minder dan € 1 afwijkt, is goed. Toon de uitwerking laat de hele berekening zien.",
        ("rekenvoorbeeld", "laat zien hoe je het target verdeelt en met bottom-up vergelijkt"),
    )
    fieldset = form(box, uid)
    figures = group(fieldset, "Target en regio's", "figures")
    field(figures, f"{uid}-total", "Jaartarget (€)", total)
    grid = sub(figures, "div", {"class": "ss-exercise__grid ss-exercise__grid--regions"})
    for i, (name, share, bottom_up) in enumerate(regions):
        region = sub(grid, "fieldset", {"class": "ss-exercise__region", "data-region": name})
        sub(region, "legend", {"class": "ss-exercise__legend"}, f"Regio {name}")
        field(region, f"{uid}-share-{i}", "Aandeel (%)", share, "decimal")
        field(region, f"{uid}-bottom-up-{i}", "Bottom-up (€)", bottom_up)
    names = [name for name, _, _ in regions]
    answers(
        fieldset,
        uid,
        [(f"top-down-{i}", f"Target top-down {name} (€)", "numeric") for i, name in enumerate(names)]
        + [(f"difference-{i}", f"Verschil {name} (€)", "text") for i, name in enumerate(names)]
        + [("total-difference", "Totaal verschil (€)", "text")],
    )
    return finish(box, fieldset, uid, table=True)


EXERCISES: dict[str, Renderer] = {
    "nps_calculator": render_nps_calculator,
    "target_split": render_target_split,
}

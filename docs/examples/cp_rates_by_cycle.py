"""Compliance-point non-compliance rates by cycle, from a Better Work export,
with the decentwork Python package, plotted with matplotlib.

    pip install ./crates/decentwork-py pandas matplotlib
    cargo xtask gen-export --factories 300 --seed 7 --awkward --out export.csv
    python docs/examples/cp_rates_by_cycle.py export.csv docs/examples/cp_rates_by_cycle.png

The export here is synthetic (`cargo xtask gen-export`), so the figure shows
what the code produces, not the situation of any real factory.
"""

import sys

import matplotlib

matplotlib.use("Agg")  # write a file; no window
import matplotlib.pyplot as plt
import pandas as pd

import decentwork

export, figure = sys.argv[1], sys.argv[2]

# Load the export as a researcher would, and keep what the study needs: here
# every country, with the legacy labels harmonised as the analysts do.
df = pd.read_csv(export)

# The analysts' balanced panel: factories that reached cycle 3, with all
# their assessments of cycles 1 to 3 (a factory that skipped a cycle number
# or was assessed twice in one still counts), so the cycles compare the same
# factories.
assessments = decentwork.rates(df, population="panel:3", by="cycle").to_pandas()
rates = decentwork.rates(
    df, population="panel:3", by=("cycle", "cp"), harmonise=True
).to_pandas()
rates["cp"] = rates["cp"].astype(str)

# The eight points most often non-compliant in cycle 1.
first = rates[rates["cycle"] == 1].nlargest(8, "rate")
points = list(first["cp"])
wide = (
    rates[rates["cp"].isin(points)]
    .pivot(index="cp", columns="cycle", values="rate")
    .reindex(points)
)
counted = dict(zip(assessments["cycle"], assessments["assessed"]))

fig, ax = plt.subplots(figsize=(9, 5.5), layout="constrained")
height = 0.8 / len(wide.columns)
for i, cycle in enumerate(wide.columns):
    ax.barh(
        [y + i * height for y in range(len(points))],
        wide[cycle] * 100,
        height=height,
        label=f"cycle {cycle} ({counted[cycle]} assessments)",
    )
ax.set_yticks([y + height for y in range(len(points))], points)
ax.invert_yaxis()
ax.set_xlabel("Assessments non-compliant on the point (%)")
ax.set_xlim(0, 100)
ax.set_title(
    "Compliance points most often non-compliant, factories that reached cycle 3\n"
    "(balanced panel, synthetic export)"
)
fig.legend(loc="outside lower center", ncols=3)
fig.savefig(figure, dpi=110)
print(wide.round(4).to_string())

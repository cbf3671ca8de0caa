# Non-compliance counts with dplyr, reading with readr, for the side-by-side run in run.sh.
#
# usage: Rscript dplyr_rates.R EXPORT.csv FROM TO [JOB] > out.csv
#   JOB is cp (default), question or panel, as in polars_rates.py, whose
#   docstring states the rules all peers follow.
#
# Would dplyr's maintainers write it this way? We think so; it is the tidyverse
# way as "R for Data Science" teaches it:
# - readr's read_csv (Debian's r-cran-readr, vroom underneath, multi-threaded),
#   with col_select = only the columns the job needs and col_types given, the
#   start date parsed by the reader with its format (col_date), so no per-row
#   format() or string comparison of months;
# - filter() first, then a per-assessment table (distinct() on four columns,
#   not on whole rows) for choosing the latest assessment (arrange() by date,
#   cycle and ID, then slice_tail() by factory), then semi_join() and two
#   summarise() steps; max(Finding) absorbs duplicate
#   and conflicting rows, so no distinct() over whole rows either.
# The analysts' own manual uses base read.csv with dplyr; readr is what the
# tidyverse recommends and Debian packages it, so it is used here. Debian 12
# ships dplyr 1.0.10, before `.by =`, hence group_by(). dplyr itself computes
# on one core; summarise() over grouped data returns the groups sorted.
suppressPackageStartupMessages({
  library(dplyr)
  library(readr)
})
args <- commandArgs(trailingOnly = TRUE)
job <- if (length(args) >= 4) args[4] else "cp"
point <- if (job == "question") "Question.ID" else c("Cluster", "CP")
first_day <- as.Date(paste0(args[2], "-01"))
month_after <- seq(as.Date(paste0(args[3], "-01")), by = "month", length.out = 2)[2]

rows <- read_csv(args[1],
                 col_select = all_of(c("Factory.Assessed.ID", "Quest.ID", "Assesment.Start.Date", "Cycle",
                                       "Question.type", "Finding", point)),
                 col_types = cols(.default = col_character(), Quest.ID = col_double(), Cycle = col_integer(),
                                  Finding = col_integer(), Assesment.Start.Date = col_date("%d/%m/%Y")),
                 progress = FALSE) |>
  filter(Question.type == "NCQ", Assesment.Start.Date >= first_day, Assesment.Start.Date < month_after)
assessments <- rows |> distinct(Factory.Assessed.ID, Quest.ID, Assesment.Start.Date, Cycle)
chosen <- if (job == "panel") {
  assessments |>
    group_by(Factory.Assessed.ID) |>
    filter(max(Cycle) >= 3, Cycle <= 3) |>
    ungroup()
} else {
  assessments |>
    arrange(Assesment.Start.Date, Cycle, Quest.ID) |>
    group_by(Factory.Assessed.ID) |>
    slice_tail(n = 1) |>
    ungroup()
}
out <- rows |>
  semi_join(chosen, by = "Quest.ID") |>
  group_by(across(all_of(c("Quest.ID", point)))) |>
  summarise(nc = max(Finding), .groups = "drop") |>
  group_by(across(all_of(point))) |>
  summarise(assessed = n(), non_compliant = sum(nc), .groups = "drop")
names(out)[seq_along(point)] <- if (job == "question") "question_id" else c("cluster", "cp")
write_csv(out, stdout())

# Non-compliance counts with R's data.table, for the side-by-side run in run.sh.
#
# usage: Rscript datatable_rates.R EXPORT.csv FROM TO [JOB] > out.csv
#   JOB is cp (default), question or panel, as in polars_rates.py, whose
#   docstring states the rules all peers follow.
#
# Would data.table's maintainers write it this way? We think so; these are the
# idioms of its vignettes and of fast data.table code:
# - setDTthreads(0): every core (the package's default is half of them);
# - fread(select = ...): only the columns the job needs are parsed, with their
#   types given (Finding and Cycle integer, IDs as they are);
# - the date is parsed once per assessment (fread reads only ISO dates as
#   dates, and as.IDate over millions of repeated strings would call strptime
#   for each), on a per-assessment table built with GForce-optimised `[1L]`;
# - the latest assessment: setorder, then unique(by = factory, fromLast = TRUE);
# - rows of the chosen assessments are picked by a keyed join (on = ), then two
#   grouped aggregations with GForce max() and sum(); no unique() over whole
#   rows, max(Finding) absorbs duplicate and conflicting rows.
suppressPackageStartupMessages(library(data.table))
setDTthreads(0L)
args <- commandArgs(trailingOnly = TRUE)
job <- if (length(args) >= 4) args[4] else "cp"
point <- if (job == "question") "Question.ID" else c("Cluster", "CP")
first_day <- as.IDate(paste0(args[2], "-01"))
month_after <- seq(as.IDate(paste0(args[3], "-01")), by = "month", length.out = 2)[2]

dt <- fread(args[1], select = c("Factory.Assessed.ID", "Quest.ID", "Assesment.Start.Date", "Cycle",
                                "Question.type", "Finding", point),
            colClasses = list(character = "Factory.Assessed.ID"), showProgress = FALSE)
dt <- dt[Question.type == "NCQ"]
assessments <- dt[, .(factory = Factory.Assessed.ID[1L], start = Assesment.Start.Date[1L],
                      cycle = Cycle[1L]), by = Quest.ID]
assessments[, start := as.IDate(start, format = "%d/%m/%Y")]
assessments <- assessments[start >= first_day & start < month_after]
if (job == "panel") {
  chosen <- assessments[, highest := max(cycle), by = factory][highest >= 3L & cycle <= 3L, .(Quest.ID)]
} else {
  setorder(assessments, factory, start, cycle, Quest.ID)
  chosen <- unique(assessments, by = "factory", fromLast = TRUE)[, .(Quest.ID)]
}
points <- dt[chosen, on = "Quest.ID", nomatch = NULL][, .(nc = max(Finding)), by = c("Quest.ID", point)]
out <- points[, .(assessed = .N, non_compliant = sum(nc)), keyby = point]
setnames(out, point, if (job == "question") "question_id" else c("cluster", "cp"))
fwrite(out, "")  # "" is standard output

# The same job as pandas_rates.py, with dplyr (base R reads the file).
# usage: Rscript dplyr_rates.R EXPORT.csv FROM(YYYY-MM) TO(YYYY-MM) > out.csv
suppressPackageStartupMessages(library(dplyr))
args <- commandArgs(trailingOnly = TRUE)
cols <- c("Cluster", "CP", "Question.ID", "Question.type", "Finding", "Quest.ID",
          "Factory.Assessed.ID", "Assesment.Start.Date", "Cycle")
header <- names(read.csv(args[1], nrows = 1, check.names = FALSE))
classes <- ifelse(header %in% cols, "character", "NULL")
df <- read.csv(args[1], colClasses = classes, check.names = FALSE)
out <- df %>%
  filter(`Question.type` == "NCQ") %>%
  distinct() %>%
  mutate(Finding = as.numeric(Finding), date = as.Date(`Assesment.Start.Date`, "%d/%m/%Y"),
         Cycle = as.integer(Cycle), month = format(date, "%Y-%m")) %>%
  filter(month >= args[2], month <= args[3]) %>%
  group_by(`Factory.Assessed.ID`, `Quest.ID`, date, Cycle, Cluster, CP) %>%
  summarise(nc = max(Finding), .groups = "drop")
latest <- out %>% distinct(`Factory.Assessed.ID`, `Quest.ID`, date, Cycle) %>%
  arrange(`Factory.Assessed.ID`, date, Cycle, `Quest.ID`) %>%
  group_by(`Factory.Assessed.ID`) %>% slice_tail(n = 1) %>% ungroup()
res <- out %>% semi_join(latest, by = "Quest.ID") %>%
  group_by(Cluster, CP) %>%
  summarise(assessed = n(), non_compliant = as.integer(sum(nc)), .groups = "drop") %>%
  rename(cluster = Cluster, cp = CP) %>% arrange(cluster, cp)
write.csv(res, stdout(), row.names = FALSE)

# Reference forecasts of R's forecast package for the Java baselines' tests (BaselinesMatchRTest).
#
# Run from this directory:   Rscript baselines.R
# Needs: R with the forecast package (Debian: apt-get install r-base-core r-cran-forecast).
# Writes: forecasts.csv (mean and 80% interval per series, method and step), ets_parameters.csv (fitted ETS
# parameters, initial states and criteria) and theta_parameters.csv; CI has no R and compares Java with these.
suppressPackageStartupMessages(library(forecast))

series <- list(
  list(id = "airpassengers", file = "../series/airpassengers.csv", m = 12, h = 24),
  list(id = "austourists",   file = "../series/austourists.csv",   m = 4,  h = 8),
  list(id = "ausair",        file = "../series/ausair.csv",        m = 1,  h = 10),
  list(id = "nile",          file = "../series/nile.csv",          m = 1,  h = 10)
)

fmt <- function(x) trimws(formatC(x, digits = 15, format = "g"))
forecast_rows <- list()
ets_rows <- list()
theta_rows <- list()

add_forecast <- function(id, method, fc) {
  h <- length(fc$mean)
  forecast_rows[[length(forecast_rows) + 1]] <<- data.frame(
    series = id, method = method, step = seq_len(h), mean = fmt(as.numeric(fc$mean)),
    lo80 = fmt(as.numeric(fc$lower[, 1])), hi80 = fmt(as.numeric(fc$upper[, 1])))
}

add_ets <- function(id, method, fit) {
  state <- fit$states[1, ]
  par <- fit$par
  get <- function(name, absent) if (name %in% names(par)) par[[name]] else absent
  m <- fit$m
  seasonal <- if (any(grepl("^s[0-9]+$", names(state)))) state[grepl("^s[0-9]+$", names(state))] else numeric(0)
  ets_rows[[length(ets_rows) + 1]] <<- data.frame(
    series = id, method = method, model = sub("ETS\\((.*)\\)", "\\1", gsub(",", "", fit$method)),
    n = length(fit$x), alpha = fmt(get("alpha", NA)), beta = fmt(get("beta", 0)), gamma = fmt(get("gamma", 0)),
    phi = fmt(get("phi", 1)), level = fmt(state[["l"]]),
    slope = fmt(if ("b" %in% names(state)) state[["b"]] else 0),
    seasonal = paste(fmt(seasonal), collapse = ";"),
    sigma2 = fmt(fit$sigma2), sse = fmt(sum(residuals(fit)^2)), loglik = fmt(fit$loglik), aic = fmt(fit$aic),
    aicc = fmt(fit$aicc))
}

for (s in series) {
  raw <- read.csv(s$file)
  y <- ts(raw$value, frequency = s$m)
  add_forecast(s$id, "seasonal_naive", snaive(y, h = s$h, level = 80))

  specs <- list(ANN = c("ANN", FALSE), AAN = c("AAN", FALSE), AAdN = c("AAN", TRUE))
  if (s$m > 1) specs <- c(specs, list(ANA = c("ANA", FALSE), AAA = c("AAA", FALSE), AAdA = c("AAA", TRUE)))
  for (name in names(specs)) {
    fit <- ets(y, model = specs[[name]][1], damped = as.logical(specs[[name]][2]))
    add_ets(s$id, paste0("ets_", name), fit)
    add_forecast(s$id, paste0("ets_", name), forecast(fit, h = s$h, level = 80))
  }
  auto <- ets(y, additive.only = TRUE, ic = "aicc")
  add_ets(s$id, "ets", auto)
  add_forecast(s$id, "ets", forecast(auto, h = s$h, level = 80))

  th <- thetaf(y, h = s$h, level = 80)
  add_forecast(s$id, "theta", th)
  theta_rows[[length(theta_rows) + 1]] <- data.frame(
    series = s$id, alpha = fmt(th$model$alpha), drift = fmt(th$model$drift), sigma2 = fmt(th$model$sigma))
}

write.csv(do.call(rbind, forecast_rows), "forecasts.csv", row.names = FALSE, quote = FALSE)
write.csv(do.call(rbind, ets_rows), "ets_parameters.csv", row.names = FALSE, quote = FALSE)
write.csv(do.call(rbind, theta_rows), "theta_parameters.csv", row.names = FALSE, quote = FALSE)
cat("R", R.version$major, ".", R.version$minor, ", forecast ", as.character(packageVersion("forecast")), "\n", sep = "")

package io.sextant.bench.cli;

import picocli.CommandLine.Command;

/** {@code sextant-bench datasets list|fetch}: the named datasets and their local cache. */
@Command(name = "datasets", mixinStandardHelpOptions = true, description = "Lists or fetches the named datasets.")
public final class DatasetsCommand {
}

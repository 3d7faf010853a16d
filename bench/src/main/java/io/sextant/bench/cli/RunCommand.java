package io.sextant.bench.cli;

import picocli.CommandLine.Command;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Builds an index and measures recall, QPS and latency.")
public final class RunCommand {
}

package io.sextant.bench.cli;

import io.sextant.bench.data.DatasetRegistry;
import io.sextant.core.data.Dataset;
import io.sextant.core.data.VectorFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sextant-bench datasets list|fetch}: the named datasets and the local cache. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
    description = "Lists or fetches the named datasets (cache: -Dsextant.datasets, $SEXTANT_DATASETS or "
        + "~/.cache/sextant/datasets).",
    subcommands = {DatasetsCommand.List.class, DatasetsCommand.Fetch.class})
public final class DatasetsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: list or fetch");
  }

  /** {@code datasets list}: one line per named dataset, on stdout. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Name, size, dimension, metric and whether it is cached; n/dim/metric are read from the cache, "
          + "so they show once a dataset was fetched.")
  static final class List implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      DatasetRegistry registry = DatasetRegistry.fromEnvironment();
      String row = "%-20s %10s %6s %-22s %-7s %s%n";
      out.printf(Locale.ROOT, row, "name", "n", "dim", "metric", "cached", "description");
      for (Map.Entry<String, String> e : registry.list().entrySet()) {
        String name = e.getKey();
        boolean pattern = name.equals(DatasetRegistry.SYNTHETIC_PATTERN);
        Optional<FolderInfo> info = pattern ? Optional.empty() : FolderInfo.read(registry.folderOf(name));
        out.printf(Locale.ROOT, row, name,
            info.map(i -> Long.toString(i.n())).orElse("-"), info.map(i -> Integer.toString(i.dim())).orElse("-"),
            info.map(FolderInfo::metric).orElse("-"), pattern ? "-" : registry.isCached(name) ? "yes" : "no",
            e.getValue());
      }
      // Synthetic sets already generated are listed by their own names.
      if (Files.isDirectory(registry.cache())) {
        try (Stream<Path> dirs = Files.list(registry.cache())) {
          for (Path d : dirs.filter(p -> p.getFileName().toString().startsWith("synthetic-")).sorted().toList()) {
            Optional<FolderInfo> info = FolderInfo.read(d);
            if (info.isEmpty()) continue;
            String name = d.getFileName().toString();
            out.printf(Locale.ROOT, row, name, info.get().n(), info.get().dim(), info.get().metric(),
                registry.isCached(name) ? "yes" : "no", info.get().description());
          }
        }
      }
      out.printf(Locale.ROOT, "%ncache: %s%n", registry.cache());
      out.flush();
      return 0;
    }
  }

  /** {@code datasets fetch NAME...}: download, embed or generate, and compute ground truth. */
  @Command(name = "fetch", mixinStandardHelpOptions = true,
      description = "Puts each named dataset in the cache with its exact top-100 ground truth; progress on stderr.")
  static final class Fetch implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "NAME") java.util.List<String> names;

    @Override public Integer call() throws IOException {
      PrintWriter err = spec.commandLine().getErr();
      DatasetRegistry registry = DatasetRegistry.fromEnvironment();
      for (String name : names) registry.folderOf(name); // unknown names fail before any download
      for (String name : names) {
        Path folder = registry.fetch(name);
        err.println("dataset " + name + ": " + folder);
      }
      return 0;
    }
  }

  /** Shape and metric of a dataset folder, read from its headers and properties without loading it. */
  record FolderInfo(long n, int dim, String metric, String description) {
    static Optional<FolderInfo> read(Path folder) throws IOException {
      Path props = folder.resolve(Dataset.PROPERTIES);
      if (!Files.exists(props)) return Optional.empty();
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(props, StandardCharsets.UTF_8)) {
        p.load(r);
      }
      java.util.List<Path> bases;
      try (Stream<Path> files = Files.list(folder)) {
        bases = files.filter(f -> f.getFileName().toString().matches("base\\.(fvecs|bvecs|npy)")).toList();
      }
      if (bases.size() != 1) return Optional.empty();
      VectorFiles.Shape shape = VectorFiles.shape(bases.getFirst());
      return Optional.of(new FolderInfo(shape.rows(), shape.dimension(), p.getProperty("similarity", "EUCLIDEAN"),
          p.getProperty("description", "")));
    }
  }
}

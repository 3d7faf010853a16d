package io.sextant.bench.data;

import io.sextant.core.data.DatasetFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses WordNet 3.0 {@code data.*} files (format {@code wndb(5)}). Each synset line is
 * {@code offset lex_filenum ss_type w_cnt (word lex_id)× p_cnt (symbol offset pos source/target)× [frames] | gloss};
 * {@code w_cnt} is two hex digits, {@code p_cnt} three decimal digits. Lines starting with two
 * spaces are the licence header and are skipped.
 */
public final class WordNetParser {
  /** The data files in the order their synsets are numbered. */
  public static final List<String> FILES = List.of("data.noun", "data.verb", "data.adj", "data.adv");

  private WordNetParser() {}

  /** All synsets of the four data files in {@code folder}, nouns first, each file in line order. */
  public static List<Synset> readAll(Path folder) throws IOException {
    List<Synset> out = new ArrayList<>(120_000);
    for (String f : FILES) out.addAll(read(folder.resolve(f)));
    return out;
  }

  /** The synsets of one data file. */
  public static List<Synset> read(Path file) throws IOException {
    List<Synset> out = new ArrayList<>();
    // WordNet's files are ASCII; Latin-1 maps each byte to one char, so offsets stay exact.
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      long offset = 0;
      int number = 0;
      for (String line; (line = r.readLine()) != null; ) {
        number++;
        if (!line.startsWith("  ") && !line.isBlank()) out.add(parseLine(line, file, offset, number));
        offset += line.length() + 1;
      }
    }
    return out;
  }

  /**
   * Parses one synset line that starts at byte {@code offset} (line {@code number}) of {@code file}.
   * Malformed lines raise {@link DatasetFormatException} naming the field.
   */
  public static Synset parseLine(String line, Path file, long offset, int number) throws DatasetFormatException {
    int bar = line.indexOf(" | ");
    String head = bar < 0 ? line : line.substring(0, bar);
    String gloss = bar < 0 ? "" : line.substring(bar + 3).strip();
    if (bar < 0) throw error(file, offset, number, "a ' | ' before the gloss", "none");
    String[] f = head.strip().split(" +");
    Fields in = new Fields(f, file, offset, number);
    String synsetOffset = in.next("synset offset");
    if (!synsetOffset.matches("\\d{8}")) throw error(file, offset, number, "an 8-digit synset offset", "'" + synsetOffset + "'");
    in.next("lex_filenum");
    String pos = in.next("ss_type");
    if (!pos.matches("[nvasr]")) throw error(file, offset, number, "ss_type n, v, a, s or r", "'" + pos + "'");
    int wordCount = in.number("w_cnt", 16);
    if (wordCount <= 0) throw error(file, offset, number, "a positive w_cnt", String.valueOf(wordCount));
    List<String> words = new ArrayList<>(wordCount);
    for (int i = 0; i < wordCount; i++) {
      words.add(cleanWord(in.next("word " + (i + 1))));
      in.next("lex_id of word " + (i + 1));
    }
    int pointerCount = in.number("p_cnt", 10);
    List<Synset.Pointer> pointers = new ArrayList<>(pointerCount);
    for (int i = 0; i < pointerCount; i++) {
      String symbol = in.next("pointer symbol " + (i + 1));
      String target = in.next("pointer offset " + (i + 1));
      String targetPos = in.next("pointer pos " + (i + 1));
      in.next("pointer source/target " + (i + 1));
      pointers.add(new Synset.Pointer(symbol, targetPos + target));
    }
    return new Synset(pos + synsetOffset, List.copyOf(words), gloss, List.copyOf(pointers));
  }

  /** {@code ready_to_hand(p)} → {@code ready to hand}: syntactic markers dropped, underscores become spaces. */
  static String cleanWord(String w) {
    String s = w.replaceFirst("\\((a|p|ip)\\)$", "");
    return s.replace('_', ' ');
  }

  private static DatasetFormatException error(Path file, long offset, int number, String expected, String found) {
    return new DatasetFormatException(file, offset, "line " + number + ": expected " + expected + ", found " + found);
  }

  /** Sequential access to the space-separated fields of a line. */
  private static final class Fields {
    private final String[] f;
    private final Path file;
    private final long offset;
    private final int number;
    private int i;

    Fields(String[] f, Path file, long offset, int number) {
      this.f = f;
      this.file = file;
      this.offset = offset;
      this.number = number;
    }

    String next(String what) throws DatasetFormatException {
      if (i >= f.length) throw error(file, offset, number, what, "the end of the fields before ' | '");
      return f[i++];
    }

    int number(String what, int radix) throws DatasetFormatException {
      String s = next(what);
      try {
        return Integer.parseInt(s, radix);
      } catch (NumberFormatException e) {
        throw error(file, offset, number, what + " in base " + radix, "'" + s + "'");
      }
    }
  }
}

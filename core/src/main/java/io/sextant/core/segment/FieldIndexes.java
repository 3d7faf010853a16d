package io.sextant.core.segment;

import io.sextant.core.document.DocumentCodec;
import io.sextant.core.document.StoredFields;
import io.sextant.core.document.TypedAttributes;
import io.sextant.core.filter.AttributeIndex;
import io.sextant.core.filter.AttributeIndexWriter;
import io.sextant.core.store.BytesOutput;
import io.sextant.core.store.ChecksummedOutput;
import io.sextant.core.store.CorruptIndexException;
import io.sextant.core.store.FileStamp;
import io.sextant.core.store.MappedFile;
import io.sextant.core.store.MappedInput;
import io.sextant.core.text.TextIndex;
import io.sextant.core.text.TextIndexWriter;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;

/**
 * The attribute index ({@code .attr}) and BM25 text index ({@code .bm25}) of a segment: built
 * from the segment's stored fields when it is written, read in place when it is opened. Each file
 * is a checksummed file (header, footer CRC32C, listed in the {@code .si}) whose content is the
 * {@link AttributeIndexWriter} / {@link TextIndexWriter} format. Segments written before these
 * files existed have neither; the collection then filters from stored fields and finds no text.
 */
public final class FieldIndexes {
  public static final String ATTRIBUTES_EXTENSION = "attr";
  static final String ATTRIBUTES_KIND = "ATTR";
  public static final String TEXT_EXTENSION = "bm25";
  static final String TEXT_KIND = "BM25";
  static final int VERSION = 1;

  static final FieldIndexes NONE = new FieldIndexes(null, null, 0);

  // Mapped at open, parsed on first use: a cold open of a large collection should not walk every
  // term of every text index (the CRC and lengths are checked at open like any segment file).
  private final MappedFile attributeFile;
  private final MappedFile textFile;
  private final int docCount;
  private volatile AttributeIndex attributes;
  private volatile TextIndex text;

  private FieldIndexes(MappedFile attributeFile, MappedFile textFile, int docCount) {
    this.attributeFile = attributeFile;
    this.textFile = textFile;
    this.docCount = docCount;
  }

  /** The attribute index, or null for a segment written without one. */
  public AttributeIndex attributes() throws CorruptIndexException {
    AttributeIndex a = attributes;
    if (a == null && attributeFile != null) {
      try {
        a = AttributeIndex.open(content(attributeFile));
      } catch (IllegalStateException e) {
        throw new CorruptIndexException(attributeFile.name(), attributeFile.contentStart(), e.getMessage(), e);
      }
      if (a.docCount() != docCount) {
        throw new CorruptIndexException(attributeFile.name(), "indexes " + a.docCount() + " documents, the segment has " + docCount);
      }
      attributes = a;
    }
    return a;
  }

  /** The text index, or null for a segment written without one. */
  public TextIndex text() throws CorruptIndexException {
    TextIndex t = text;
    if (t == null && textFile != null) {
      try {
        t = TextIndex.open(content(textFile));
      } catch (IllegalStateException e) {
        throw new CorruptIndexException(textFile.name(), textFile.contentStart(), e.getMessage(), e);
      }
      if (t.docCount() != docCount) {
        throw new CorruptIndexException(textFile.name(), "indexes " + t.docCount() + " documents, the segment has " + docCount);
      }
      text = t;
    }
    return t;
  }

  /**
   * Writes both files from the stored fields of {@code source}, recording each path in
   * {@code created} before creating it (so that a failure deletes it).
   */
  static List<FileStamp> write(Path dir, String name, SegmentSource source, List<Path> created) throws IOException {
    AttributeIndexWriter attrs = new AttributeIndexWriter();
    TextIndexWriter text = new TextIndexWriter(source.textAnalyzer());
    BytesOutput doc = new BytesOutput(1024);
    int n = source.size();
    for (int i = 0; i < n; i++) {
      doc.reset();
      source.writeStoredFields(i, doc);
      StoredFields f = DocumentCodec.read(new MappedInput(name + " document " + i, MemorySegment.ofArray(doc.array()), 0,
          doc.size()));
      attrs.add(TypedAttributes.toFilter(f.attributes()));
      text.add(f.text());
    }
    Path a = SegmentWriter.file(dir, name, ATTRIBUTES_EXTENSION);
    created.add(a);
    FileStamp as = writeFile(a, ATTRIBUTES_KIND, attrs.toByteArray());
    Path t = SegmentWriter.file(dir, name, TEXT_EXTENSION);
    created.add(t);
    FileStamp ts = writeFile(t, TEXT_KIND, text.toByteArray());
    return List.of(as, ts);
  }

  private static FileStamp writeFile(Path p, String kind, byte[] content) throws IOException {
    try (ChecksummedOutput out = ChecksummedOutput.create(p, kind, VERSION)) {
      out.writeBytes(content);
      return out.finish();
    }
  }

  /** Maps one file of the segment, or returns null when the segment does not list it. */
  @FunctionalInterface
  interface Mapper {
    MappedFile map(String extension, String kind, int version) throws IOException;
  }

  static FieldIndexes open(SegmentInfo info, int docCount, Mapper mapper) throws IOException {
    MappedFile a = info.stamp(info.name() + "." + ATTRIBUTES_EXTENSION) == null ? null
        : mapper.map(ATTRIBUTES_EXTENSION, ATTRIBUTES_KIND, VERSION);
    MappedFile t = info.stamp(info.name() + "." + TEXT_EXTENSION) == null ? null
        : mapper.map(TEXT_EXTENSION, TEXT_KIND, VERSION);
    return a == null && t == null ? NONE : new FieldIndexes(a, t, docCount);
  }

  private static MemorySegment content(MappedFile f) {
    return f.segment().asSlice(f.contentStart(), f.contentEnd() - f.contentStart());
  }
}

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

  static final FieldIndexes NONE = new FieldIndexes(null, null);

  private final AttributeIndex attributes;
  private final TextIndex text;

  private FieldIndexes(AttributeIndex attributes, TextIndex text) {
    this.attributes = attributes;
    this.text = text;
  }

  /** The attribute index, or null for a segment written without one. */
  public AttributeIndex attributes() {
    return attributes;
  }

  /** The text index, or null for a segment written without one. */
  public TextIndex text() {
    return text;
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
    AttributeIndex attributes = null;
    TextIndex text = null;
    if (info.stamp(info.name() + "." + ATTRIBUTES_EXTENSION) != null) {
      MappedFile f = mapper.map(ATTRIBUTES_EXTENSION, ATTRIBUTES_KIND, VERSION);
      try {
        attributes = AttributeIndex.open(content(f));
      } catch (IllegalStateException e) {
        throw new CorruptIndexException(f.name(), f.contentStart(), e.getMessage(), e);
      }
      if (attributes.docCount() != docCount) {
        throw new CorruptIndexException(f.name(), "indexes " + attributes.docCount() + " documents, the segment has " + docCount);
      }
    }
    if (info.stamp(info.name() + "." + TEXT_EXTENSION) != null) {
      MappedFile f = mapper.map(TEXT_EXTENSION, TEXT_KIND, VERSION);
      try {
        text = TextIndex.open(content(f));
      } catch (IllegalStateException e) {
        throw new CorruptIndexException(f.name(), f.contentStart(), e.getMessage(), e);
      }
      if (text.docCount() != docCount) {
        throw new CorruptIndexException(f.name(), "indexes " + text.docCount() + " documents, the segment has " + docCount);
      }
    }
    return attributes == null && text == null ? NONE : new FieldIndexes(attributes, text);
  }

  private static MemorySegment content(MappedFile f) {
    return f.segment().asSlice(f.contentStart(), f.contentEnd() - f.contentStart());
  }
}

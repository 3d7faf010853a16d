package io.sextant.core.quant;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Byte-array forms of the quantizers' {@code writeTo}/{@code readFrom}. */
final class QuantizerBytes {
  private QuantizerBytes() {}

  interface Writer {
    void writeTo(DataOutput out) throws IOException;
  }

  interface Reader<T> {
    T readFrom(DataInput in) throws IOException;
  }

  static byte[] write(Writer writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writer.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  /** Reads one object and insists that it used every byte. */
  static <T> T read(byte[] bytes, Reader<T> reader) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    T value;
    try {
      value = reader.readFrom(in);
    } catch (EOFException e) {
      throw new IOException("quantizer bytes are truncated: " + bytes.length + " bytes end before the last field", e);
    }
    int left = in.available();
    if (left > 0) throw new IOException("quantizer bytes have " + left + " trailing bytes after offset " + (bytes.length - left));
    return value;
  }
}

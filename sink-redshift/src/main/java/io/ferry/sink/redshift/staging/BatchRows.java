package io.ferry.sink.redshift.staging;

import static java.util.Objects.requireNonNull;

import java.util.NoSuchElementException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import scala.collection.AbstractIterator;
import scala.collection.Iterator;

/**
 * The rows of a columnar scan's batches, read in place: each row is a view of the batch's column
 * vectors at one position ({@link ColumnarBatch#getRow}), valid until the next call to {@link
 * #next}. Spark's own {@code ColumnarToRow} would copy every value into an {@code UnsafeRow} first,
 * which the CSV encoder, reading each value once, does not need.
 */
final class BatchRows extends AbstractIterator<InternalRow> {
  private final Iterator<ColumnarBatch> batches;
  private ColumnarBatch batch;
  private int rows;
  private int next;

  BatchRows(Iterator<ColumnarBatch> batches) {
    this.batches = requireNonNull(batches, "batches");
  }

  @Override
  public boolean hasNext() {
    while (next >= rows) {
      if (batch != null) {
        // As ColumnarToRow does once a batch is read: frees vectors that the scan does not reuse.
        batch.closeIfFreeable();
        batch = null;
      }
      if (!batches.hasNext()) {
        return false;
      }
      batch = batches.next();
      rows = batch.numRows();
      next = 0;
    }
    return true;
  }

  @Override
  public InternalRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more rows");
    }
    return batch.getRow(next++);
  }
}

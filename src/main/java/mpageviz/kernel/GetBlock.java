package mpageviz.kernel;

/**
 * The filesystem's get_block_t: map logical block {@code iblock} of the file into {@code bh}. On entry
 * {@code bh.size} says how many bytes the caller would like mapped; on success a mapped result sets MAPPED,
 * {@code blocknr} and the mapped run's size. Returns 0 or a negative errno.
 */
@FunctionalInterface
public interface GetBlock {
    int getBlock(long iblock, BufferHead bh, boolean create);
}

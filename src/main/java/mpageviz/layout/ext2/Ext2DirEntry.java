package mpageviz.layout.ext2;

/**
 * One line of {@code ext2 ls}: an {@code ext2_dir_entry_2} record's name and inode, with the type and size read
 * from that inode.
 *
 * @param name  the entry's name
 * @param inode its inode number
 * @param type  {@link Ext2Inode#typeName()} of that inode
 * @param size  that inode's i_size
 */
public record Ext2DirEntry(String name, long inode, String type, long size) {
}

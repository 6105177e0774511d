package mpageviz.layout.ext2;

/**
 * An ext2 image that cannot be used as asked: unreadable, corrupt, or a file the importer does not handle. The
 * message names what is wrong and where ({@code "inode 12: indirect block 300 points at itself"}).
 */
public class Ext2Exception extends Exception {
    private static final long serialVersionUID = 1L;

    public Ext2Exception(String message) {
        super(message);
    }

    public Ext2Exception(String message, Throwable cause) {
        super(message, cause);
    }
}

package mpageviz.layout.ext2;

import java.util.ArrayList;
import java.util.List;

/**
 * Where ext2's indirect blocks sit in a file's logical block space, for one block size (kernel-semantics.md §9.2):
 * which indirect blocks ext2_get_branch walks to reach a logical block, and which pointer slot holds each one.
 *
 * <pre>
 * i_block[12] IND  covers L 12 ..                    p blocks
 * i_block[13] DIND covers the next p², through p INDs of p blocks each
 * i_block[14] TIND covers the next p³, through p DINDs of p² blocks each      (p = block size / 4)
 * </pre>
 */
final class IndirectTree {
    /** An indirect block's place in the tree: level 1 (points at data blocks) to 3, and the first block it covers. */
    record Node(int level, long first) implements Comparable<Node> {
        /** Pre-order, as ext2_get_branch meets them: by first block, and the outer level first at a tie. */
        @Override
        public int compareTo(Node o) {
            return first != o.first ? Long.compare(first, o.first) : Integer.compare(o.level, level);
        }

        /** "IND", "DIND" or "TIND", as debugfs names them. */
        String kind() {
            return level == 1 ? "IND" : level == 2 ? "DIND" : "TIND";
        }
    }

    static final int DIRECT = Ext2Inode.NDIR_BLOCKS;

    final int ptrs;
    /** The first logical block under i_block[11 + level], by level 1..3. */
    private final long[] rootFirst = new long[4];

    IndirectTree(int ptrs) {
        this.ptrs = ptrs;
        rootFirst[1] = DIRECT;
        rootFirst[2] = rootFirst[1] + span(1);
        rootFirst[3] = rootFirst[2] + span(2);
    }

    /** Logical blocks one indirect block of this level covers: p, p² or p³. */
    long span(int level) {
        long s = 1;
        for (int i = 0; i < level; i++) {
            s *= ptrs;
        }
        return s;
    }

    /** Logical blocks ext2 can address: 12 + p + p² + p³. */
    long capacity() {
        return rootFirst[3] + span(3);
    }

    long last(Node n) {
        return n.first() + span(n.level()) - 1;
    }

    /** The level of the tree (1 IND, 2 DIND, 3 TIND) whose range holds a logical block of 12 or more. */
    private int rootLevel(long block) {
        return block < rootFirst[2] ? 1 : block < rootFirst[3] ? 2 : 3;
    }

    /** The indirect blocks above a logical block, outer level first; none for a direct block. */
    List<Node> path(long block) {
        List<Node> out = new ArrayList<>();
        if (block < DIRECT) {
            return out;
        }
        int root = rootLevel(block);
        long base = rootFirst[root];
        for (int level = root; level >= 1; level--) {
            long s = span(level);
            out.add(new Node(level, base + (block - base) / s * s));
        }
        return out;
    }

    /** The indirect block that points at {@code n}, or null when the inode's i_block array does. */
    Node parent(Node n) {
        int root = rootLevel(n.first());
        if (n.level() == root) {
            return null;
        }
        long base = rootFirst[root];
        long s = span(n.level() + 1);
        return new Node(n.level() + 1, base + (n.first() - base) / s * s);
    }

    /** The slot that points at {@code n}: in its parent block, or in i_block (12, 13, 14) for a top-level one. */
    long slot(Node n) {
        Node p = parent(n);
        return p == null ? DIRECT - 1 + n.level() : (n.first() - p.first()) / span(n.level());
    }

    /**
     * The levels of indirect block whose range is exactly first..last, outer level first (a DIND and its first
     * IND start at the same block); ranges are cut at {@code limit} blocks, as the ext2 importer cuts them.
     */
    List<Integer> levelsOf(long first, long last, long limit) {
        List<Integer> out = new ArrayList<>();
        if (first < DIRECT || first >= capacity()) {
            return out;
        }
        int root = rootLevel(first);
        long base = rootFirst[root];
        for (int level = root; level >= 1; level--) {
            long s = span(level);
            if ((first - base) % s == 0 && Math.min(first + s - 1, limit - 1) == last) {
                out.add(level);
            }
        }
        return out;
    }

    /** The ranges of the top-level indirect blocks, for messages: "IND 12..267, DIND 268..65803, TIND ...". */
    String describeRanges() {
        List<String> parts = new ArrayList<>();
        for (int level = 1; level <= 3; level++) {
            Node n = new Node(level, rootFirst[level]);
            parts.add(n.kind() + " " + n.first() + ".." + last(n));
        }
        return String.join(", ", parts);
    }
}

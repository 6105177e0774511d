package mpageviz.layout.ext2;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import mpageviz.layout.Layout;
import mpageviz.layout.LayoutValidator;

/**
 * A {@code debugfs -w} command file that recreates a layout's file on a new ext2 image, with the mke2fs command
 * that makes the image first, so the layout's block map can be shown in a real kernel. The file gets the layout's
 * extents (logical to disk block), holes elsewhere, i_size, and ext2's indirect blocks where file.metadata puts
 * them (free blocks the script picks, and names in a comment, for those it does not list). Data blocks hold
 * zeros; page cache state, faults and the run are not on disk and are left out.
 *
 * <p>How each pointer is written (debugfs has no command that stores a number in a block):
 * <pre>
 * i_block[0..11], IND slots -> data     bmap NAME L P        libext2fs stores P in the slot of logical block L
 * i_block[12..14]                       sif NAME block[IND|DIND|TIND] B
 * DIND and TIND slots -> IND, DIND      zap_block -o OFFSET -l LENGTH -p BYTE B, once per run of equal non-zero
 *                                       bytes of the little-endian pointer, into the block zeroed first
 * </pre>
 * Every indirect block is zeroed and linked before the first bmap, so bmap never allocates one of its own.
 * {@code setb} marks the bitmap only, so the script ends by setting the free block counts to mke2fs's minus the
 * file's blocks; e2fsck then has nothing to fix.
 *
 * @param fileName      the file's name in the image's root directory
 * @param blockSize     the ext2 block size (the layout's geometry.blockSize)
 * @param blocksCount   the image's size in blocks, mke2fs's last argument (device.blocks, or a few more)
 * @param mke2fsOptions mke2fs's options, between {@code -q -F} and the image
 * @param indirect      the indirect blocks the script writes, outer level first (pre-order)
 * @param notes         what the script decided on its own (indirect blocks it placed), also in its comments
 * @param commands      the command file's text
 */
public record DebugfsScript(String fileName, int blockSize, long blocksCount, List<String> mke2fsOptions,
                            List<IndirectBlock> indirect, List<String> notes, String commands) {

    /** The most data blocks a script maps: it takes one bmap command per block. */
    public static final long MAX_DATA_BLOCKS = 1L << 20;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,255}");
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./+:=,@%-]+");

    /**
     * An indirect block of the recreated file.
     *
     * @param block  its disk block
     * @param level  1 (IND, points at data), 2 (DIND) or 3 (TIND)
     * @param first  the first logical block it covers
     * @param last   the last logical block it covers
     * @param chosen true when file.metadata did not list it and the script picked the block
     */
    public record IndirectBlock(long block, int level, long first, long last, boolean chosen) {
    }

    public DebugfsScript {
        mke2fsOptions = List.copyOf(mke2fsOptions);
        indirect = List.copyOf(indirect);
        notes = List.copyOf(notes);
    }

    /**
     * The script that recreates {@code layout}'s file as {@code fileName} in the root directory.
     *
     * @throws Ext2Exception when ext2 cannot hold the layout's file as it is: another block size than 1024, 2048 or
     *                       4096, blocks past the device or on the blocks mke2fs uses, metadata entries that are not
     *                       ext2 indirect blocks, a bad name; the message names the field
     */
    public static DebugfsScript from(Layout layout, String fileName) throws Ext2Exception {
        return new Builder(layout, fileName).build();
    }

    /** What {@link #isValidName} wants, for messages. */
    public static final String NAME_RULE = "is not 1..255 of the characters A-Z a-z 0-9 . _ - (the file is made in "
            + "the image's root directory)";

    /** Whether a name can be the recreated file's: a plain name debugfs parses as one word, not "." or "..". */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }

    /** The mke2fs command as an argument list. */
    public List<String> mke2fsArgv(String image) {
        return mke2fsArgv(mke2fsOptions, blocksCount, image);
    }

    private static List<String> mke2fsArgv(List<String> options, long blocks, String image) {
        List<String> argv = new ArrayList<>(List.of("mke2fs", "-q", "-F"));
        argv.addAll(options);
        argv.add(image);
        argv.add(String.valueOf(blocks));
        return argv;
    }

    /** The mke2fs command as a shell line: {@code mke2fs -q -F -t ext2 -b 1024 ... IMAGE 4096}. */
    public String mke2fsCommand(String image) {
        return shellLine(mke2fsArgv(image));
    }

    /** The debugfs command that runs the script, as an argument list. */
    public static List<String> debugfsArgv(String script, String image) {
        return List.of("debugfs", "-w", "-f", script, image);
    }

    /** The debugfs command as a shell line: {@code debugfs -w -f SCRIPT IMAGE}. */
    public static String debugfsCommand(String script, String image) {
        return shellLine(debugfsArgv(script, image));
    }

    private static String shellLine(List<String> argv) {
        List<String> words = new ArrayList<>();
        for (String a : argv) {
            words.add(PLAIN_WORD.matcher(a).matches() ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return String.join(" ", words);
    }

    /** The checks and choices behind one script. */
    private static final class Builder {
        /** An extent and its index in file.extents, for messages. */
        private record Indexed(int index, Layout.Extent extent) {
            String where() {
                Layout.Extent e = extent;
                return "file.extents[" + index + "] (logical " + e.logical() + ".." + (e.logical() + e.count() - 1)
                        + " on disk blocks " + e.physical() + ".." + (e.physical() + e.count() - 1) + ")";
            }
        }

        private final Layout layout;
        private final String name;
        private final int bs;
        private final long device;
        private final Mke2fsPlan plan;
        private final IndirectTree tree;
        /** Logical blocks a layout can describe (the ext2 importer cuts metadata ranges here). */
        private final long limit;
        private final List<Indexed> extents = new ArrayList<>();
        /** Every disk block of the file: data and indirect. */
        private final BlockSet used = new BlockSet();
        private long highestUsed;
        /** Indirect blocks by their place in the tree: from file.metadata, or -1 until placeChosen picks one. */
        private final TreeMap<IndirectTree.Node, Long> blocks = new TreeMap<>();
        /** The file.metadata index of each listed indirect block. */
        private final Map<IndirectTree.Node, Integer> listedAt = new HashMap<>();
        /** The disk block of the first data block under each indirect block that maps some. */
        private final Map<IndirectTree.Node, Long> firstData = new HashMap<>();
        private final List<String> notes = new ArrayList<>();
        private long dataBlocks;

        Builder(Layout layout, String name) throws Ext2Exception {
            this.layout = layout;
            this.name = name;
            this.bs = layout.geometry().blockSize();
            if (bs != 1024 && bs != 2048 && bs != 4096) {
                throw new Ext2Exception("geometry.blockSize " + bs + " cannot be recreated: mke2fs and the ext2 "
                        + "kernels this tool follows use 1024, 2048 or 4096 here");
            }
            if (!isValidName(name)) {
                throw new Ext2Exception("file name \"" + name + "\" " + NAME_RULE);
            }
            this.device = layout.device().blocks();
            this.plan = Mke2fsPlan.forDevice(bs, device);
            this.tree = new IndirectTree(bs / 4);
            this.limit = Math.min(LayoutValidator.MAX_FILE_SIZE / bs, tree.capacity());
        }

        DebugfsScript build() throws Ext2Exception {
            long size = layout.file().size();
            if (size > tree.capacity() * bs) {
                throw new Ext2Exception("file.size " + size + " is larger than the largest ext2 file of " + bs
                        + "-byte blocks (" + tree.capacity() * bs + " bytes)");
            }
            checkExtents();
            placeListed();
            collectNeeded();
            placeChosen();
            noteLeftOut(size);
            List<IndirectBlock> indirect = new ArrayList<>();
            for (Map.Entry<IndirectTree.Node, Long> e : blocks.entrySet()) {
                IndirectTree.Node n = e.getKey();
                indirect.add(new IndirectBlock(e.getValue(), n.level(), n.first(), tree.last(n),
                        !listedAt.containsKey(n)));
            }
            return new DebugfsScript(name, bs, plan.blocksCount, plan.options(), indirect, notes, text(indirect));
        }

        // ---- checks ----

        /** Extents in logical order, each on the device, clear of mke2fs's blocks and of each other. */
        private void checkExtents() throws Ext2Exception {
            List<Layout.Extent> list = layout.file().extents();
            for (int i = 0; i < list.size(); i++) {
                extents.add(new Indexed(i, list.get(i)));
            }
            extents.sort(Comparator.comparingLong(x -> x.extent().logical()));
            // In logical order, and stopping at the first overlap, each extent need only be checked against the last.
            Indexed previous = null;
            for (Indexed x : extents) {
                Layout.Extent e = x.extent();
                String where = x.where();
                if (e.count() < 1 || e.logical() < 0 || e.physical() < 0) {
                    throw new Ext2Exception(where + ": is empty or negative");
                }
                long lastLogical = e.logical() + e.count() - 1;
                long lastPhysical = e.physical() + e.count() - 1;
                if (lastLogical >= tree.capacity()) {
                    throw new Ext2Exception(where + ": logical block " + Math.max(e.logical(), tree.capacity())
                            + " is past the largest ext2 file of " + bs + "-byte blocks (" + tree.capacity()
                            + " blocks)");
                }
                if (previous != null) {
                    Layout.Extent p = previous.extent();
                    if (e.logical() < p.logical() + p.count()) {
                        throw new Ext2Exception(where + ": logical block " + e.logical() + " is also mapped by "
                                + previous.where());
                    }
                }
                previous = x;
                dataBlocks += e.count();
                if (dataBlocks > MAX_DATA_BLOCKS) {
                    throw new Ext2Exception("file.extents: more than " + MAX_DATA_BLOCKS + " data blocks; a debugfs "
                            + "script takes one command per block, so it is not written");
                }
                if (e.physical() == 0) {
                    throw new Ext2Exception(where + ": disk block 0 cannot hold data: ext2 reads a block pointer of 0"
                            + " as a hole");
                }
                if (lastPhysical >= device) {
                    throw new Ext2Exception(where + ": disk block " + Math.max(e.physical(), device) + " is past the "
                            + "end of the device (device.blocks " + device + ")");
                }
                long taken = plan.firstTaken(e.physical(), lastPhysical);
                if (taken >= 0) {
                    throw new Ext2Exception(where + ": disk block " + taken + " (logical block "
                            + (e.logical() + taken - e.physical()) + ") " + collision(taken));
                }
                for (long b = e.physical(); b <= lastPhysical; b++) {
                    if (!used.add(b)) {
                        throw new Ext2Exception(where + ": disk block " + b + " is also used by " + owner(b, x));
                    }
                }
                highestUsed = Math.max(highestUsed, lastPhysical);
            }
        }

        /** Why a block mke2fs uses cannot be the file's. */
        private String collision(long block) {
            long group = plan.groupOf(block);
            return "collides with " + plan.describe(block) + " on the image mke2fs makes (the first free block of "
                    + "group " + group + " is " + plan.firstFree(group) + ")";
        }

        /** Who else uses a disk block: another extent or an indirect block (never {@code self}). */
        private String owner(long block, Indexed self) {
            for (Indexed x : extents) {
                Layout.Extent e = x.extent();
                if (x != self && block >= e.physical() && block < e.physical() + e.count()) {
                    return x.where();
                }
            }
            for (Map.Entry<IndirectTree.Node, Long> e : blocks.entrySet()) {
                if (e.getValue() == block) {
                    Integer at = listedAt.get(e.getKey());
                    return at != null ? "file.metadata[" + at + "]" : "an indirect block";
                }
            }
            return "another block of the file";
        }

        /** Each file.metadata entry must be one of ext2's indirect blocks, on a block of its own. */
        private void placeListed() throws Ext2Exception {
            List<Layout.MetadataBlock> list = layout.file().metadata();
            boolean flagged = false;
            for (int i = 0; i < list.size(); i++) {
                Layout.MetadataBlock md = list.get(i);
                long b = md.block();
                String where = "file.metadata[" + i + "] (block " + b + ", logical " + md.first() + ".." + md.last()
                        + ")";
                flagged |= md.cached() || md.dirty();
                if (b <= 0) {
                    throw new Ext2Exception(where + ": block " + b + " cannot be an indirect block: ext2 reads a "
                            + "block pointer of 0 as a hole");
                }
                if (b >= device) {
                    throw new Ext2Exception(where + ": block " + b + " is past the end of the device (device.blocks "
                            + device + ")");
                }
                if (plan.isTaken(b)) {
                    throw new Ext2Exception(where + ": block " + b + " " + collision(b));
                }
                IndirectTree.Node node = null;
                List<Integer> levels = tree.levelsOf(md.first(), md.last(), limit);
                for (int level : levels) {
                    IndirectTree.Node n = new IndirectTree.Node(level, md.first());
                    if (!blocks.containsKey(n)) {
                        node = n;
                        break;
                    }
                }
                if (node == null) {
                    if (levels.isEmpty()) {
                        throw new Ext2Exception(where + ": is not the range of an ext2 indirect block; with " + bs
                                + "-byte blocks they cover " + tree.describeRanges() + ", and the DINDs and INDs "
                                + "under them aligned parts of those");
                    }
                    IndirectTree.Node n = new IndirectTree.Node(levels.get(levels.size() - 1), md.first());
                    throw new Ext2Exception(where + ": file.metadata[" + listedAt.get(n) + "] is already the "
                            + n.kind() + " of these logical blocks");
                }
                if (!used.add(b)) {
                    throw new Ext2Exception(where + ": block " + b + " is also used by " + owner(b, null));
                }
                highestUsed = Math.max(highestUsed, b);
                blocks.put(node, b);
                listedAt.put(node, i);
            }
            if (flagged) {
                notes.add("file.metadata's cached and dirty flags describe the buffer cache before the run; a new "
                        + "image has nothing cached");
            }
        }

        /** The indirect blocks the mapped blocks need, and the ones above those file.metadata lists. */
        private void collectNeeded() {
            for (Indexed x : extents) {
                Layout.Extent e = x.extent();
                long last = e.logical() + e.count() - 1;
                long l = Math.max(e.logical(), IndirectTree.DIRECT);
                while (l <= last) {
                    List<IndirectTree.Node> path = tree.path(l);
                    for (IndirectTree.Node n : path) {
                        // Extents come in logical order, so the first block met under a node is its first.
                        firstData.putIfAbsent(n, e.physical() + (l - e.logical()));
                        blocks.putIfAbsent(n, -1L);
                    }
                    l = tree.last(path.get(path.size() - 1)) + 1; // on to the next IND's range
                }
            }
            for (IndirectTree.Node n : new ArrayList<>(listedAt.keySet())) {
                for (IndirectTree.Node p = tree.parent(n); p != null; p = tree.parent(p)) {
                    blocks.putIfAbsent(p, -1L);
                }
            }
        }

        /**
         * Picks blocks for the indirect blocks file.metadata does not list: as ext2 allocates a branch, each goes
         * just before the first block under it (so a DIND, its IND and the data line up) when that block is free,
         * else on the first free block above the file's other blocks.
         */
        private void placeChosen() throws Ext2Exception {
            long cursor = highestUsed + 1;
            for (int level = 1; level <= 3; level++) {
                for (Map.Entry<IndirectTree.Node, Long> e : blocks.entrySet()) {
                    IndirectTree.Node n = e.getKey();
                    if (n.level() != level || e.getValue() >= 0) {
                        continue;
                    }
                    long below = firstBelow(n);
                    long b = below - 1;
                    if (below < 0 || !isFree(b)) {
                        b = nextFree(cursor, n);
                        cursor = b + 1;
                    }
                    used.add(b);
                    e.setValue(b);
                    notes.add("file.metadata lists no " + n.kind() + " for logical blocks " + n.first() + ".."
                            + tree.last(n) + ": this script puts it on block " + b);
                }
            }
        }

        /** The disk block of what comes first under {@code n}: its first child indirect block, or its first data. */
        private long firstBelow(IndirectTree.Node n) {
            IndirectTree.Node child = blocks.higherKey(n);
            if (child != null && n.equals(tree.parent(child))) {
                return blocks.get(child);
            }
            return firstData.getOrDefault(n, -1L);
        }

        private boolean isFree(long b) {
            return b > 0 && b < plan.blocksCount && !plan.isTaken(b) && !used.contains(b);
        }

        /** The first free block from {@code from} on, going round to the start of the image once. */
        private long nextFree(long from, IndirectTree.Node forWhom) throws Ext2Exception {
            long b = Math.max(from, plan.firstFree(0));
            boolean wrapped = false;
            while (true) {
                if (b >= plan.blocksCount) {
                    if (wrapped) {
                        throw new Ext2Exception("no free block is left on the image for the " + forWhom.kind()
                                + " of logical blocks " + forWhom.first() + ".." + tree.last(forWhom));
                    }
                    wrapped = true;
                    b = plan.firstFree(0);
                } else if (plan.isTaken(b)) {
                    b = plan.firstFree(plan.groupOf(b));
                } else if (used.contains(b)) {
                    b++;
                } else {
                    return b;
                }
            }
        }

        /** A note when blocks lie past i_size: the image holds them, but e2fsck will want to cut them off. */
        private void noteLeftOut(long size) {
            long eofBlocks = (size + bs - 1) / bs;
            for (Indexed x : extents) {
                Layout.Extent e = x.extent();
                if (e.logical() + e.count() > eofBlocks) {
                    notes.add("logical blocks from " + Math.max(e.logical(), eofBlocks) + " lie past i_size " + size
                            + ": the kernel never reads them, and e2fsck reports the inode's i_size as wrong");
                    return;
                }
            }
        }

        // ---- the text ----

        private String text(List<IndirectBlock> indirect) {
            Lines out = new Lines();
            String image = "IMAGE";
            out.comment("mpageviz debugfs-script for the layout \"" + layout.title() + "\":");
            out.comment("recreates its file as /" + name + " on a new ext2 image. Run (IMAGE: the image file to make;");
            out.comment("mke2fs creates it, or discards what it held):");
            out.comment("  " + shellLine(mke2fsArgv(plan.options(), plan.blocksCount, image)));
            out.comment("  " + debugfsCommand("THIS_FILE", image));
            out.comment("/" + name + ": i_size " + layout.file().size() + ", " + plural(dataBlocks, "data block")
                    + " on the layout's disk blocks (holes elsewhere),");
            out.comment(plural(indirect.size(), "indirect block") + ". Data blocks hold zeros. The block pointers:");
            out.comment("  i_block[0..11] and IND slots: \"bmap NAME L P\" stores P in the slot of logical block L;");
            out.comment("  i_block[12..14]: \"sif NAME block[IND|DIND|TIND] B\";");
            out.comment("  DIND and TIND slots: debugfs has no command that stores a number in a block, so");
            out.comment("  \"zap_block -o OFFSET -l LENGTH -p BYTE B\" writes each run of equal non-zero bytes of the");
            out.comment("  little-endian block number into the block, which was zeroed first.");
            out.comment("setb marks the bitmap only, so the free block counts are set at the end.");
            for (String note : notes) {
                out.comment("Note: " + note + ".");
            }

            out.comment("the inode: a new empty regular file");
            out.line("write /dev/null " + name);
            out.line("sif " + name + " mode 0100644");

            if (!indirect.isEmpty()) {
                out.comment("indirect blocks, outer level first: each is zeroed, then linked from the inode or from "
                        + "the block above it");
            }
            for (Map.Entry<IndirectTree.Node, Long> e : blocks.entrySet()) {
                IndirectTree.Node n = e.getKey();
                long b = e.getValue();
                IndirectTree.Node parent = tree.parent(n);
                out.comment(n.kind() + " for logical blocks " + n.first() + ".." + tree.last(n) + " on block " + b
                        + (listedAt.containsKey(n) ? " (file.metadata[" + listedAt.get(n) + "])" : " (chosen here)"));
                out.line("zap_block " + b);
                if (parent == null) {
                    out.line("sif " + name + " block[" + n.kind() + "] " + b);
                } else {
                    writePointer(out, blocks.get(parent), tree.slot(n), b);
                }
            }

            out.comment("data blocks: bmap " + name + " LOGICAL DISK");
            for (Indexed x : extents) {
                Layout.Extent e = x.extent();
                for (long i = 0; i < e.count(); i++) {
                    out.line("bmap " + name + " " + (e.logical() + i) + " " + (e.physical() + i));
                }
            }

            out.comment("mark the file's blocks in use");
            for (Indexed x : extents) {
                Layout.Extent e = x.extent();
                out.line("setb " + e.physical() + (e.count() > 1 ? " " + e.count() : ""));
            }
            for (IndirectBlock ib : indirect) {
                out.line("setb " + ib.block());
            }

            out.comment("i_size, and i_blocks in 512-byte units (data and indirect blocks)");
            out.line("sif " + name + " size " + layout.file().size());
            out.line("sif " + name + " blocks " + (dataBlocks + indirect.size()) * (bs / 512));

            out.comment("free block counts: what mke2fs leaves, minus this file's blocks");
            TreeMap<Long, Long> perGroup = usedPerGroup(indirect);
            long total = plan.freeBlocks();
            for (Map.Entry<Long, Long> g : perGroup.entrySet()) {
                out.line("set_bg " + g.getKey() + " free_blocks_count " + (plan.freeBlocks(g.getKey()) - g.getValue()));
                total -= g.getValue();
            }
            out.line("ssv free_blocks_count " + total);
            return out.toString();
        }

        private static String plural(long n, String one) {
            return n + " " + one + (n == 1 ? "" : "s");
        }

        /**
         * Stores {@code value} in slot {@code slot} of the zeroed block {@code block}: zap_block writes one byte
         * value over a run of bytes, so each run of equal non-zero bytes of the little-endian number is one command.
         */
        private static void writePointer(Lines out, long block, long slot, long value) {
            out.comment("slot " + slot + " of block " + block + " = " + value);
            long offset = 4 * slot;
            int i = 0;
            while (i < 4) {
                int v = (int) (value >>> (8 * i)) & 0xFF;
                int j = i + 1;
                while (j < 4 && ((int) (value >>> (8 * j)) & 0xFF) == v) {
                    j++;
                }
                if (v != 0) {
                    out.line("zap_block -o " + (offset + i) + " -l " + (j - i) + " -p " + String.format("0x%02x", v)
                            + " " + block);
                }
                i = j;
            }
        }

        /** The file's blocks in each block group, by group. */
        private TreeMap<Long, Long> usedPerGroup(List<IndirectBlock> indirect) {
            TreeMap<Long, Long> out = new TreeMap<>();
            for (Indexed x : extents) {
                long b = x.extent().physical();
                long last = b + x.extent().count() - 1;
                while (b <= last) {
                    long g = plan.groupOf(b);
                    long end = Math.min(last, plan.groupLast(g));
                    out.merge(g, end - b + 1, Long::sum);
                    b = end + 1;
                }
            }
            for (IndirectBlock ib : indirect) {
                out.merge(plan.groupOf(ib.block()), 1L, Long::sum);
            }
            return out;
        }
    }

    /** The command file being written: commands, and comment lines (debugfs echoes a line that starts with #). */
    private static final class Lines {
        private final StringBuilder text = new StringBuilder();

        void line(String command) {
            text.append(command).append('\n');
        }

        void comment(String words) {
            // A comment must stay on one line: a newline in a layout title would start a command.
            text.append("# ").append(words.replaceAll("\\p{Cntrl}", " ")).append('\n');
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}

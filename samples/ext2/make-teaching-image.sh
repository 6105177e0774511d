#!/usr/bin/env bash
# Builds teaching.img, the small ext2 image (1 MiB, 1 KiB blocks) behind the ext2 samples 32-35: files that show
# BH_Boundary and the indirect block read, holes, a fragmented file and a file reaching the double-indirect range.
#
#   samples/ext2/make-teaching-image.sh [OUT]      (OUT defaults to teaching.img beside this script)
#
# Needs bash, dd and e2fsprogs (mke2fs, debugfs, e2fsck; Debian keeps them in /sbin). The image is reproducible:
# a fixed UUID and hash seed, a fixed clock for every timestamp (E2FSPROGS_FAKE_TIME), mke2fs's built-in defaults
# instead of this machine's /etc/mke2fs.conf, and every option spelled out, so a rerun with the same e2fsprogs
# gives the same bytes. After rebuilding, regenerate the ext2 samples' layouts and goldens (samples/README.md).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/teaching.img}

export PATH="$PATH:/sbin:/usr/sbin"
export E2FSPROGS_FAKE_TIME=1700000000   # 2023-11-14 22:13:20 UTC: mkfs time and every inode's times
export MKE2FS_CONFIG=/nonexistent       # no config file: mke2fs's compiled-in defaults
export E2FSPROGS_SKIP_PROGRESS=1
umask 022

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# block NAME L: one 1 KiB block of text, 16 lines of 64 bytes that name the file and the logical block, so every
# page shown in the visualizer says where its bytes came from.
block() {
    local k
    for k in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do
        printf '%-63s\n' "$1 logical block $2 line $k"
    done
}

# file NAME SIZE RANGE...: a host file of SIZE bytes with text in the logical blocks of each RANGE (FIRST-LAST) and
# holes everywhere else; debugfs's write keeps the holes (it skips blocks that read as zeros).
file() {
    local name=$1 size=$2 range first last l
    shift 2
    : > "$work/$name"
    truncate -s "$size" "$work/$name"
    for range in "$@"; do
        first=${range%-*}
        last=${range#*-}
        for ((l = first; l <= last; l++)); do
            block "$name" "$l"
        done | dd of="$work/$name" bs=1024 seek="$first" conv=notrunc status=none
    done
    truncate -s "$size" "$work/$name"
}

K=1024
# boundary.txt: 24 blocks (6 pages). ext2 places L0-11, then the indirect block, then L12-23 right behind it.
file boundary.txt $((24 * K)) 0-23
# holes.txt: 16 blocks (4 pages): data, a whole-page hole, data then a hole, a hole then data.
file holes.txt $((16 * K)) 0-3 8-10 13-15
# double-indirect.txt: 276 blocks (69 pages): past the 12 + 256 blocks that the direct and single-indirect
# pointers reach, so L268-275 need the double-indirect block and a second indirect block under it.
file double-indirect.txt $((276 * K)) 0-275
# Neighbours for the fragmented file: deleting the deleted-* files leaves gaps of 4, 4 and 2 blocks between the
# filler-* files.
file filler-a.txt $((4 * K)) 0-3
file deleted-1.txt $((4 * K)) 0-3
file filler-b.txt $((4 * K)) 0-3
file deleted-2.txt $((4 * K)) 0-3
file filler-c.txt $((4 * K)) 0-3
file deleted-3.txt $((2 * K)) 0-1
file filler-d.txt $((4 * K)) 0-3
# fragmented.txt: 12 blocks (3 pages), written after the deletes. ext2 fills the lowest free blocks first, so L0-3
# take the first gap, L4-7 the second, L8-9 the third and L10-11 land after filler-d.txt.
file fragmented.txt $((12 * K)) 0-11

tmp="$out.tmp.$$"
rm -f "$tmp"
truncate -s $((1024 * K)) "$tmp"
mke2fs -q -F -b 1024 -I 256 -N 64 -m 0 -r 1 -O none,filetype,sparse_super \
    -U 6d706167-6576-697a-2d65-787432000001 \
    -E hash_seed=6d706167-6576-697a-2d65-787432000002,root_owner=0:0 "$tmp" 1024
# debugfs exits 0 even when a command fails: anything on stderr besides its banner is an error.
{
    for f in boundary.txt holes.txt double-indirect.txt filler-a.txt deleted-1.txt filler-b.txt deleted-2.txt \
        filler-c.txt deleted-3.txt filler-d.txt; do
        echo "write $work/$f $f"
    done
    echo "rm deleted-1.txt"
    echo "rm deleted-2.txt"
    echo "rm deleted-3.txt"
    echo "write $work/fragmented.txt fragmented.txt"
} | debugfs -w -f - "$tmp" >/dev/null 2>"$work/debugfs.err"
if grep -v '^debugfs [0-9]' "$work/debugfs.err" >&2; then
    echo "$0: debugfs failed" >&2
    exit 1
fi
e2fsck -fn "$tmp" >/dev/null 2>&1 || { echo "$0: e2fsck finds the new image inconsistent" >&2; exit 1; }
mv -f "$tmp" "$out"
echo "$out: $(stat -c %s "$out") bytes, sha256 $(sha256sum "$out" | cut -d' ' -f1)"
for f in boundary.txt holes.txt double-indirect.txt fragmented.txt; do
    echo "$f: $(debugfs -R "stat $f" "$out" 2>/dev/null | sed -n '/^BLOCKS:/,/^TOTAL/p' | tr '\n' ' ')"
done

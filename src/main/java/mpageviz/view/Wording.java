package mpageviz.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import mpageviz.kernel.BhState;
import mpageviz.kernel.Errno;
import mpageviz.kernel.PageFlag;

/**
 * Phrasing every narrator shares: sizes, sector and block ranges, page lists, page-flag and buffer-state changes
 * in words, and the bit tests they rest on. Pure functions of their arguments.
 */
final class Wording {

    private Wording() {
    }

    static String size(long bytes) {
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        if (bytes > 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return bytes == 1 ? "1 byte" : bytes + " bytes";
    }

    static String sectors(long start, long count) {
        return count <= 1 ? "sector " + start : "sectors " + start + "-" + (start + count - 1);
    }

    static String blocks(long first, long count) {
        return count <= 1 ? "block " + first : "blocks " + first + "-" + (first + count - 1);
    }

    /** "1004" or "1004-1007". */
    static String span(long first, long count) {
        return count <= 1 ? String.valueOf(first) : first + "-" + (first + count - 1);
    }

    static String logicals(long first, long count) {
        return count <= 1 ? "logical block " + first : "logical blocks " + first + "-" + (first + count - 1);
    }

    /** "page 3", "pages 0-2", "pages 0, 2 and 5-7". */
    static String pages(List<Long> list) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        int n = 0;
        while (i < list.size()) {
            int j = i;
            while (j + 1 < list.size() && list.get(j + 1) == list.get(j) + 1) {
                j++;
            }
            parts.add(j == i ? String.valueOf(list.get(i)) : list.get(i) + "-" + list.get(j));
            n += j - i + 1;
            i = j + 1;
        }
        if (n == 0) {
            return "no pages";
        }
        return (n == 1 ? "page " : "pages ") + and(parts);
    }

    static String and(List<String> parts) {
        if (parts.isEmpty()) {
            return "";
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static boolean has(int bits, PageFlag f) {
        return (bits & f.bit()) != 0;
    }

    static boolean has(int bits, BhState s) {
        return (bits & s.bit()) != 0;
    }

    private static String pageSetWord(PageFlag f) {
        switch (f) {
            case LOCKED:
                return "locked";
            case ERROR:
                return "marked with PG_error";
            case UPTODATE:
                return "uptodate";
            case DIRTY:
                return "dirty";
            case WRITEBACK:
                return "under writeback";
            default:
                return "mapped to disk";
        }
    }

    private static String pageClearWord(PageFlag f) {
        switch (f) {
            case LOCKED:
                return "unlocked";
            case ERROR:
                return "free of PG_error";
            case UPTODATE:
                return "no longer uptodate";
            case DIRTY:
                return "clean";
            case WRITEBACK:
                return "out of writeback";
            default:
                return "no longer mapped to disk";
        }
    }

    /** "uptodate and unlocked". */
    static String pageChange(int set, int clear) {
        List<String> words = new ArrayList<>();
        for (PageFlag f : PageFlag.values()) {
            if (has(set, f)) {
                words.add(pageSetWord(f));
            }
        }
        for (PageFlag f : PageFlag.values()) {
            if (has(clear, f)) {
                words.add(pageClearWord(f));
            }
        }
        return words.isEmpty() ? "unchanged" : and(words);
    }

    private static String bhSetWord(BhState s) {
        switch (s) {
            case REQ:
                return "marked submitted";
            case ASYNC_READ:
                return "marked for an async read";
            case ASYNC_WRITE:
                return "marked for an async write";
            case DELAY:
                return "delayed";
            case BOUNDARY:
                return "a boundary (BH_Boundary)";
            case WRITE_EIO:
                return "marked with a write error";
            case LOCK:
                return "locked";
            default:
                return s.label();
        }
    }

    private static String bhClearWord(BhState s) {
        switch (s) {
            case UPTODATE:
                return "no longer uptodate";
            case DIRTY:
                return "clean";
            case LOCK:
                return "unlocked";
            case REQ:
                return "no longer marked submitted";
            case MAPPED:
                return "unmapped";
            case NEW:
                return "no longer new";
            case ASYNC_READ:
                return "done reading";
            case ASYNC_WRITE:
                return "done writing";
            case DELAY:
                return "no longer delayed";
            case BOUNDARY:
                return "no longer a boundary";
            default:
                return "free of its write error";
        }
    }

    /** "mapped and uptodate, unlocked". */
    static String bhChange(int set, int clear) {
        List<String> words = new ArrayList<>();
        for (BhState s : BhState.values()) {
            if (has(set, s)) {
                words.add(bhSetWord(s));
            }
        }
        for (BhState s : BhState.values()) {
            if (has(clear, s)) {
                words.add(bhClearWord(s));
            }
        }
        return words.isEmpty() ? "unchanged" : and(words);
    }

    /** Buffer state bits as a short list: "mapped, BH_Boundary". */
    static String bhList(int bits) {
        List<String> words = new ArrayList<>();
        for (BhState s : BhState.values()) {
            if (has(bits, s)) {
                words.add(s == BhState.BOUNDARY ? "BH_Boundary" : s.label());
            }
        }
        return words.isEmpty() ? "no bits" : String.join(", ", words);
    }

    static String errno(int ret) {
        return Errno.name(ret);
    }

    static List<String> hashes(List<Integer> ids) {
        List<String> out = new ArrayList<>();
        for (int id : ids) {
            out.add("#" + id);
        }
        return out;
    }

    static String requestRange(RequestView r) {
        return sectors(r.sector(), r.sectors());
    }

    static String requestList(List<Integer> ids, RunState s) {
        List<String> parts = new ArrayList<>();
        for (int id : ids) {
            RequestView r = s.request(id);
            parts.add(r == null ? "#" + id : "#" + id + " (" + requestRange(r) + ")");
        }
        return (ids.size() == 1 ? "request " : "requests ") + and(parts);
    }

    /** "page 3", or "the page" when no page is current (a replayed or partial trace). */
    static String pageName(long p) {
        return p >= 0 ? "page " + p : "the page";
    }

    static String bioRef(BioView b) {
        return b == null ? "its bio" : "bio #" + b.id();
    }
}

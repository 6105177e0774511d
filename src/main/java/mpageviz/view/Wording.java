package mpageviz.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToIntFunction;

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

    /** "noun" for one, "nouns" for any other count. */
    static String plural(long n, String noun) {
        return n == 1 ? noun : noun + "s";
    }

    /** "1 bio", "3 bios". */
    static String count(long n, String noun) {
        return n + " " + plural(n, noun);
    }

    /** "sector 8" or "sectors 8-15". */
    static String sectors(long start, long count) {
        return range("sector ", "sectors ", start, count);
    }

    /** "block 1004" or "blocks 1004-1007". */
    static String blocks(long first, long count) {
        return range("block ", "blocks ", first, count);
    }

    /** "1004" or "1004-1007". */
    static String span(long first, long count) {
        return range("", "", first, count);
    }

    /** "logical block 12" or "logical blocks 12-267". */
    static String logicals(long first, long count) {
        return range("logical block ", "logical blocks ", first, count);
    }

    /** {@code count} numbers from {@code first}: "one 4" for a single one, else "many 4-7". */
    private static String range(String one, String many, long first, long count) {
        return count <= 1 ? one + first : many + first + "-" + (first + count - 1);
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
            parts.add(span(list.get(i), j - i + 1));
            n += j - i + 1;
            i = j + 1;
        }
        if (n == 0) {
            return "no pages";
        }
        return plural(n, "page") + " " + and(parts);
    }

    /** "a", "a and b", "a, b and c". */
    static String and(List<String> parts) {
        if (parts.isEmpty()) {
            return "";
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    /** A kebab-case name from the trace as plain words: "bio-full" becomes "bio full". */
    static String spoken(String kebabName) {
        return kebabName.replace('-', ' ');
    }

    /** The sentence form: first letter upper case. */
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
        return change(PageFlag.values(), PageFlag::bit, Wording::pageSetWord, Wording::pageClearWord, set, clear);
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

    /** "mapped and uptodate", "a boundary (BH_Boundary) and unlocked". */
    static String bhChange(int set, int clear) {
        return change(BhState.values(), BhState::bit, Wording::bhSetWord, Wording::bhClearWord, set, clear);
    }

    /** The set bits in words, then the cleared ones, in declaration order: "uptodate and unlocked". */
    private static <T> String change(T[] all, ToIntFunction<T> bit, Function<T, String> setWord,
            Function<T, String> clearWord, int set, int clear) {
        List<String> words = new ArrayList<>();
        for (T t : all) {
            if ((set & bit.applyAsInt(t)) != 0) {
                words.add(setWord.apply(t));
            }
        }
        for (T t : all) {
            if ((clear & bit.applyAsInt(t)) != 0) {
                words.add(clearWord.apply(t));
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

    /** "EIO" for -5. */
    static String errno(int ret) {
        return Errno.name(ret);
    }

    /** "#1", "#2", ... for a list of bio or request ids. */
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

    /** "request #2 (sectors 800-807)", "requests #1 (...) and #2 (...)". */
    static String requestList(List<Integer> ids, RunState s) {
        List<String> parts = new ArrayList<>();
        for (int id : ids) {
            RequestView r = s.request(id);
            parts.add(r == null ? "#" + id : "#" + id + " (" + requestRange(r) + ")");
        }
        return plural(ids.size(), "request") + " " + and(parts);
    }

    /** "page 3", or "the page" when no page is current (a replayed or partial trace). */
    static String pageName(long p) {
        return p >= 0 ? "page " + p : "the page";
    }

    /** "bio #3", or "its bio" when the bio is not known. */
    static String bioRef(BioView b) {
        return b == null ? "its bio" : "bio #" + b.id();
    }
}

package mpageviz.trace;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;

/** The summary's JSON form, exactly as trace-format.md shows it. */
public final class SummaryCodec {
    private SummaryCodec() {
    }

    /** The summary alone as indented JSON (golden files, diffs). */
    public static String toJson(Summary s) {
        java.io.StringWriter w = new java.io.StringWriter();
        try {
            JsonWriter out = new JsonWriter(w);
            out.setIndent("  ");
            write(out, s);
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return w + "\n";
    }

    public static void write(JsonWriter out, Summary s) throws IOException {
        out.beginObject();
        out.name("submissions").beginArray();
        for (Summary.Submission sub : s.submissions()) {
            writeSubmission(out, sub);
        }
        out.endArray();
        out.name("requests").beginArray();
        for (Summary.Request r : s.requests()) {
            out.beginObject();
            out.name("rw").value(r.rw());
            out.name("sector").value(r.sector());
            out.name("sectors").value(r.sectors());
            out.name("from").beginArray();
            for (String f : r.from()) {
                out.value(f);
            }
            out.endArray();
            out.endObject();
        }
        out.endArray();
        out.name("pages").beginArray();
        for (Summary.PageResult p : s.pages()) {
            out.beginObject();
            out.name("index").value(p.index());
            out.name("flags").beginArray();
            for (String f : p.flags()) {
                out.value(f);
            }
            out.endArray();
            out.name("sha256").value(p.sha256());
            out.endObject();
        }
        out.endArray();
        out.name("stats").beginObject();
        out.name("bios").value(s.stats().bios());
        out.name("requests").value(s.stats().requests());
        out.name("fallbackPages").value(s.stats().fallbackPages());
        out.name("seekSectors").value(s.stats().seekSectors());
        out.endObject();
        out.endObject();
    }

    private static void writeSubmission(JsonWriter out, Summary.Submission sub) throws IOException {
        out.beginObject();
        out.name("kind").value(sub.kind());
        switch (sub.kind()) {
            case Summary.Submission.BIO:
                out.name("rw").value(sub.rw());
                out.name("sector").value(sub.sector());
                out.name("vecs").beginArray();
                for (Summary.Vec v : sub.vecs()) {
                    out.beginArray().value(v.page()).value(v.length()).endArray();
                }
                out.endArray();
                out.name("reason").value(sub.reason());
                break;
            case Summary.Submission.META:
                out.name("rw").value(sub.rw());
                out.name("block").value(sub.block());
                break;
            case Summary.Submission.BH:
                out.name("rw").value(sub.rw());
                out.name("block").value(sub.block());
                out.name("page");
                if (sub.page() == null) {
                    out.nullValue();
                } else {
                    out.value(sub.page());
                }
                break;
            default: // fallback, skipped
                out.name("page").value(sub.page());
                out.name("reason").value(sub.reason());
                break;
        }
        out.endObject();
    }

    /** Reads a summary object; messages name the JSON path of the bad value. */
    public static Summary read(JsonElement e, String at) throws TraceException {
        JsonObject o = object(e, at);
        List<Summary.Submission> subs = new ArrayList<>();
        JsonArray arr = array(o.get("submissions"), at + ".submissions");
        for (int i = 0; i < arr.size(); i++) {
            subs.add(readSubmission(object(arr.get(i), at + ".submissions[" + i + "]"),
                    at + ".submissions[" + i + "]"));
        }
        List<Summary.Request> reqs = new ArrayList<>();
        arr = array(o.get("requests"), at + ".requests");
        for (int i = 0; i < arr.size(); i++) {
            String p = at + ".requests[" + i + "]";
            JsonObject r = object(arr.get(i), p);
            reqs.add(new Summary.Request(string(r, "rw", p), number(r, "sector", p), (int) number(r, "sectors", p),
                    strings(r.get("from"), p + ".from")));
        }
        List<Summary.PageResult> pages = new ArrayList<>();
        arr = array(o.get("pages"), at + ".pages");
        for (int i = 0; i < arr.size(); i++) {
            String p = at + ".pages[" + i + "]";
            JsonObject r = object(arr.get(i), p);
            pages.add(new Summary.PageResult(number(r, "index", p), strings(r.get("flags"), p + ".flags"),
                    string(r, "sha256", p)));
        }
        JsonObject st = object(o.get("stats"), at + ".stats");
        Summary.Stats stats = new Summary.Stats((int) number(st, "bios", at + ".stats"),
                (int) number(st, "requests", at + ".stats"), (int) number(st, "fallbackPages", at + ".stats"),
                number(st, "seekSectors", at + ".stats"));
        return new Summary(subs, reqs, pages, stats);
    }

    private static Summary.Submission readSubmission(JsonObject o, String at) throws TraceException {
        String kind = string(o, "kind", at);
        switch (kind) {
            case Summary.Submission.BIO: {
                List<Summary.Vec> vecs = new ArrayList<>();
                JsonArray arr = array(o.get("vecs"), at + ".vecs");
                for (int i = 0; i < arr.size(); i++) {
                    JsonArray v = array(arr.get(i), at + ".vecs[" + i + "]");
                    if (v.size() != 2) {
                        throw new TraceException(at + ".vecs[" + i + "]: expected [page, length]");
                    }
                    vecs.add(new Summary.Vec(integer(v.get(0), at + ".vecs[" + i + "][0]"),
                            (int) integer(v.get(1), at + ".vecs[" + i + "][1]")));
                }
                return Summary.Submission.bio(string(o, "rw", at), number(o, "sector", at), vecs,
                        string(o, "reason", at));
            }
            case Summary.Submission.META:
                return Summary.Submission.meta(string(o, "rw", at), number(o, "block", at));
            case Summary.Submission.BH: {
                JsonElement page = o.get("page");
                Long p = page == null || page.isJsonNull() ? null : number(o, "page", at);
                return Summary.Submission.bh(string(o, "rw", at), number(o, "block", at), p);
            }
            case Summary.Submission.FALLBACK:
                return Summary.Submission.fallback(number(o, "page", at), string(o, "reason", at));
            case Summary.Submission.SKIPPED:
                return Summary.Submission.skipped(number(o, "page", at), string(o, "reason", at));
            default:
                throw new TraceException(at + ".kind: unknown submission kind " + kind);
        }
    }

    private static JsonObject object(JsonElement e, String at) throws TraceException {
        if (e == null || !e.isJsonObject()) {
            throw new TraceException(at + ": expected an object");
        }
        return e.getAsJsonObject();
    }

    private static JsonArray array(JsonElement e, String at) throws TraceException {
        if (e == null || !e.isJsonArray()) {
            throw new TraceException(at + ": expected an array");
        }
        return e.getAsJsonArray();
    }

    private static String string(JsonObject o, String name, String at) throws TraceException {
        JsonElement e = o.get(name);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new TraceException(at + "." + name + ": expected a string");
        }
        return e.getAsString();
    }

    private static long number(JsonObject o, String name, String at) throws TraceException {
        return integer(o.get(name), at + "." + name);
    }

    private static long integer(JsonElement e, String at) throws TraceException {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new TraceException(at + ": expected an integer");
        }
        try {
            return Long.parseLong(e.getAsString());
        } catch (NumberFormatException ex) {
            throw new TraceException(at + ": expected an integer, found " + e.getAsString());
        }
    }

    private static List<String> strings(JsonElement e, String at) throws TraceException {
        JsonArray arr = array(e, at);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            JsonElement x = arr.get(i);
            if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isString()) {
                throw new TraceException(at + "[" + i + "]: expected a string");
            }
            out.add(x.getAsString());
        }
        return out;
    }
}

package mpageviz.trace;

/** A trace file that cannot be read: the message names the file position or JSON path at fault. */
public final class TraceException extends Exception {
    public TraceException(String message) {
        super(message);
    }

    public TraceException(String message, Throwable cause) {
        super(message, cause);
    }
}
